/**
 * consistent-property-casing: one document, one property naming style. Schema property names are
 * camelCase or snake_case; whichever style the document uses more wins and the minority is
 * reported. Single-word names (`id`, `name`) fit both and are neutral; parameter names are not
 * schema properties.
 */
import { defineRule } from '../src/rule.js';
import { indexFunction, type DocumentIndex, type JsonPath, type SpectralResult } from '../src/openapi/index.js';
import { documentSchemaNodes } from '../src/openapi/schemas.js';

export type PropertyCase = 'camelCase' | 'snake_case';

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/** camelCase, snake_case, or undefined for neutral names (one word, PascalCase, kebab, `$ref`…). */
export function propertyCase(name: string): PropertyCase | undefined {
  if (SNAKE.test(name)) return 'snake_case';
  if (CAMEL.test(name)) return 'camelCase';
  return undefined;
}

function toCase(name: string, target: PropertyCase): string {
  if (target === 'snake_case') return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function checkPropertyCasing(index: DocumentIndex): SpectralResult[] {
  const found: { name: string; style: PropertyCase; path: () => JsonPath }[] = [];
  for (const { via, path } of documentSchemaNodes(index)) {
    if (via.kind !== 'property' || via.name === undefined) continue;
    const style = propertyCase(via.name);
    if (style) found.push({ name: via.name, style, path });
  }
  const camel = found.filter((f) => f.style === 'camelCase').length;
  const snake = found.length - camel;
  // A tie has no majority to follow: nothing to report.
  if (camel === snake) return [];
  const majority: PropertyCase = camel > snake ? 'camelCase' : 'snake_case';
  const counts = `${Math.max(camel, snake)} ${majority} vs ${Math.min(camel, snake)}`;
  return found
    .filter((f) => f.style !== majority)
    .map((f) => ({
      message: `Property "${f.name}" is ${f.style} but this document names properties in ${majority} (${counts}); rename it to "${toCase(f.name, majority)}".`,
      path: f.path(),
    }));
}

export default defineRule({
  id: 'consistent-property-casing',
  category: 'api-contract',
  description: 'Schema property names use one casing style (camelCase or snake_case) across the document; the minority style is reported.',
  recommended: 'warn',
  strict: 'warn',
  spectral: () => ({
    given: '$',
    message: '{{error}}',
    then: { function: indexFunction(checkPropertyCasing) },
  }),
});
