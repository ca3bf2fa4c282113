/** The five services and their default local ports (each service's config has the same default). */
export const SERVICES = [
  { name: 'intake', port: 3001 },
  { name: 'membership', port: 3002 },
  { name: 'grievance', port: 3003 },
  { name: 'notification', port: 3004 },
  { name: 'reporting', port: 3005 },
];
