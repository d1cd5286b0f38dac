/** The demo trust's academies (demo/roster/academies.csv), in its order (URN 990001 to 990006), as the tests expect them named. */
export const DEMO_ACADEMIES: readonly string[] = [
  'The Philip Morant School and College',
  'Kingfisher Meadow School',
  'Willowbrook Primary Academy',
  'Saltmarsh Academy',
  'Oakhaven Free School',
  'Harbourside Primary Academy',
];
