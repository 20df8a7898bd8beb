// A rider's state as the frame's state column numbers it (0, 1, 2), with its name and colour on the map.
export const STATES = [
  { name: 'Idle', key: 'idle', color: '#8ea3bd' },
  { name: 'To restaurant', key: 'to-restaurant', color: '#f5a524' },
  { name: 'To customer', key: 'to-customer', color: '#2fd47d' },
];
