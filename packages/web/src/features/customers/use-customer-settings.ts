import { api } from '../../app/api-client.ts';
import { useApi } from '../../app/use-api.ts';

/** The company's customer rules: levels (highest first), pool return days, claim cap. */
export function useCustomerSettings() {
  return useApi('customer-settings', (signal) => api.customers.settings(signal));
}
