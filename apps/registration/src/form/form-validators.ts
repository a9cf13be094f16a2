import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { authorityForDivision } from '../authorities/authorities';
import {
  authorityProblems,
  domicileProblems,
  nameCandidateProblems,
  residentIdProblems,
  shareProblems,
  usccProblems,
} from './form-rules';

/**
 * class-validator decorators over form-rules.ts. Each rule may report several problems; class-validator
 * keeps one message per constraint, so the problems are joined into it.
 */
function rule(
  name: string,
  problems: (value: unknown, args: ValidationArguments) => string[],
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problems(value, args).length === 0,
        defaultMessage: (args?: ValidationArguments) => problems(args?.value, args!).join('；'),
      },
    });
  };
}

const parent = (args: ValidationArguments) => args.object as Record<string, unknown>;

export const IsResidentId = (o?: ValidationOptions) => rule('isResidentId', (v) => residentIdProblems(v), o);
export const IsUscc = (o?: ValidationOptions) => rule('isUscc', (v) => usccProblems(v), o);
export const IsKnownAuthorityDivision = () => rule('isKnownAuthorityDivision', (v) => authorityProblems(v));
/** On `domicile`: its division known and inside the jurisdiction of the form's authority. */
export const DomicileInJurisdiction = () =>
  rule('domicileInJurisdiction', (v, a) =>
    domicileProblems((v as { division?: unknown })?.division, parent(a).authorityDivision),
  );
/** On `shareholders`: shares add up to 100% and contributions to the registered capital. */
export const SharesAddUp = () => rule('sharesAddUp', (v, a) => shareProblems(v, parent(a).registeredCapitalFen));
/** On `nameCandidates`: at least one passes the structure and word-list rules for the form's authority. */
export const SomeNamePassesRules = () =>
  rule('someNamePassesRules', (v, a) => nameCandidateProblems(v, parent(a).authorityDivision));
/** On a shareholder's `idNumber`: a resident ID for a natural person, a USCC for an enterprise. */
export const IsIdNumberOfKind = () =>
  rule('isIdNumberOfKind', (v, a) => (parent(a).kind === 'enterprise' ? usccProblems(v) : residentIdProblems(v)));
/** On `nameSelfDeclaration`: required (true) where the authority takes self-declared names. */
export const SelfDeclarationWhereRequired = () =>
  rule('selfDeclarationWhereRequired', (v, a) => {
    if (v !== undefined && typeof v !== 'boolean') return ['应为布尔值 (must be a boolean)'];
    const division = parent(a).authorityDivision;
    const selfDeclared = typeof division === 'string' && authorityForDivision(division)?.selfDeclaredNames === true;
    return selfDeclared && v !== true
      ? ["自主申报名称须承诺名称不侵犯他人权利 (a self-declared name needs the founder's declaration: true)"]
      : [];
  });
