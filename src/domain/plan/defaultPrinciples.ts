/**
 * The six principles a thriving trust demonstrates (the second document the product was created from,
 * seeds/004): the list every plan gets when it declares none of its own. A trust renames or replaces
 * them in its plan file (`principles:`), without touching code.
 */
import type { Principle } from './plan';

export const DEFAULT_PRINCIPLES: readonly Principle[] = [
  {
    id: 'collectiveVision',
    title: 'A collective vision',
    description:
      'A collective vision that galvanises schools and communities to work together in serving the next generation.',
  },
  {
    id: 'sharedGovernance',
    title: 'Shared and distributed governance',
    description:
      'Great shared and distributed governance that generates even better support, accountability, and professional and social capital.',
  },
  {
    id: 'schoolImprovement',
    title: 'School-to-school improvement at scale',
    description:
      'The culture, capacity and systems that make school-to-school improvement at scale an organisational habit.',
  },
  {
    id: 'employerOfChoice',
    title: 'An employer of choice',
    description:
      'Drawing on collective expertise, resource and support in order to be an employer of choice.',
  },
  {
    id: 'fundsAndSustainability',
    title: 'Public funds maximised, a sustainable future',
    description:
      'Maximising public funds and generating greater resource for pupils, whilst working towards a more environmentally sustainable future.',
  },
  {
    id: 'localIdentity',
    title: 'Local identity at the heart of communities',
    description:
      'Local identity and reach at the heart of communities: a focal point for area-wide, cross-sector partnerships for children, staff and schools.',
  },
];
