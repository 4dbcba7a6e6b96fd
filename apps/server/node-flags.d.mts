/** Node flags the server is started with (see node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
