// Types of eslint.layers.js (plain JavaScript: the ESLint config loads it), for the test of the rule.
export declare const folders: string[];
export declare const layers: Record<string, { may: string[]; typeOnly?: string[] }>;
export declare function layerPatterns(folder: string): { regex: string; message: string; allowTypeImports?: boolean }[];
