/** A token count in a few characters: 950, 12.3k, 1.2M (the chat's footers and meter, the Runs view). */
export const compactCount = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));
