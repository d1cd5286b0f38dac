/**
 * A term as one number, three per academic year (autumn 2025 is 2025 × 3, summer 2026 is 2025 × 3 + 2),
 * so terms compare with `<` and key maps without formatting their names. The evaluator compares and keys
 * terms for every figure of every academy; this is the cheap form of compareTerms.
 */
import type { TermRef } from '../terms/term';

export function termNumber(ref: TermRef): number {
  return ref.startYear * 3 + (ref.term === 'autumn' ? 0 : ref.term === 'spring' ? 1 : 2);
}
