export declare function isWebBuildStale(root: string): { stale: boolean; reason: string };
export declare function buildWebIfStale(root: string): Promise<void>;
