// The KV keys a tenant's learning state is published under (settings, active calibration).
export const settingsKey = (tenant: string) => `learning:${tenant}`;
export const calibrationKey = (tenant: string) => `calibration:${tenant}`;
