/** `backlint routes --format`: the choices, apart from the command (which loads the project model). */
export type RoutesFormat = 'text' | 'json';
export const ROUTES_FORMATS: readonly RoutesFormat[] = ['text', 'json'];
