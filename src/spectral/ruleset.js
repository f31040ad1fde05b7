import { getRules, presetSeverity } from '../catalog.js';
import { docsUrl, qualifiedId } from '../rule.js';
export function createRuleset(options = {}) {
    const preset = options.preset ?? 'recommended';
    const rules = {};
    for (const rule of getRules()) {
        if (!rule.spectral)
            continue;
        const override = options.rules?.[qualifiedId(rule.id)];
        let severity = presetSeverity(rule, preset);
        let ruleOptions = {};
        if (override !== undefined) {
            if (Array.isArray(override)) {
                severity = override[0];
                ruleOptions = override[1] ?? {};
            }
            else {
                severity = override;
            }
        }
        const def = rule.spectral(ruleOptions);
        rules[qualifiedId(rule.id)] = {
            description: rule.description,
            documentationUrl: docsUrl(rule.id),
            ...def,
            severity: severity === 'off' ? 'off' : severity,
            recommended: rule.recommended !== false,
        };
    }
    return { rules };
}
const ruleset = (() => {
    const rules = {};
    for (const rule of getRules()) {
        if (!rule.spectral)
            continue;
        rules[qualifiedId(rule.id)] = {
            description: rule.description,
            documentationUrl: docsUrl(rule.id),
            ...rule.spectral({}),
            severity: rule.strict,
            // Spectral's own preset switch: strict-only rules run with `extends: [[ruleset, "all"]]`.
            recommended: rule.recommended !== false,
        };
    }
    return { rules };
})();
export default ruleset;
