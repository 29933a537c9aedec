// The bundled sample, served from the app's own origin like every other asset.
import customersUrl from '../../sample-data/customers.csv?url';
import ordersUrl from '../../sample-data/orders.csv?url';
import interactionsUrl from '../../sample-data/interactions.csv?url';
import campaignsUrl from '../../sample-data/campaigns.csv?url';

export const SAMPLE_FILES: { table: string; fileName: string; url: string }[] = [
  { table: 'customers', fileName: 'customers.csv', url: customersUrl },
  { table: 'orders', fileName: 'orders.csv', url: ordersUrl },
  { table: 'interactions', fileName: 'interactions.csv', url: interactionsUrl },
  { table: 'campaigns', fileName: 'campaigns.csv', url: campaignsUrl },
];
