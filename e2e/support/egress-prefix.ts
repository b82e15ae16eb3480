/** How the egress hook marks each reported connection in the web host's output. */
export const EGRESS_PREFIX = 'TAOFOLIO_EGRESS ';
