/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What kind of publication a framework is. */
export type FrameworkKind =
  /** Voluntary guidance without certification (the NIST AI RMF). */
  | 'GUIDANCE'
  /** Law that binds those in its scope (the EU AI Act). */
  | 'REGULATION'
  /** A voluntary standard that can be certified against (the ISO management system standards). */
  | 'STANDARD';

/** An operator role that the EU AI Act places obligations on. */
export type OperatorRole =
  /** Holds a written mandate from a third-country provider to act on its behalf (Art. 3(5)). */
  | 'AUTHORISED_REPRESENTATIVE'
  /** Uses an AI system under its authority, other than for personal non-professional activity (Art. 3(4)). */
  | 'DEPLOYER'
  /** Makes an AI system available on the Union market, other than the provider or the importer (Art. 3(7)). */
  | 'DISTRIBUTOR'
  /** A provider of a general-purpose AI model (Chapter V). */
  | 'GPAI_PROVIDER'
  /** Places on the Union market an AI system bearing the name of a person established in a third country (Art. 3(6)). */
  | 'IMPORTER'
  /** Develops an AI system or model, or has it developed, and places it on the market or puts it into service under its own name (Art. 3(3)). */
  | 'PROVIDER';

/** The place of a requirement in its framework's structure. */
export type RequirementKind =
  /** An annex of the EU AI Act. */
  | 'ANNEX'
  /** A lettered or numbered section of an EU AI Act annex (Annex I Section A). */
  | 'ANNEX_SECTION'
  /** An article of the EU AI Act. */
  | 'ARTICLE'
  /** A NIST AI RMF category (GOVERN 1). */
  | 'CATEGORY'
  /** A chapter of the EU AI Act. */
  | 'CHAPTER'
  /** A top-level clause of an ISO management system standard (4 to 10). */
  | 'CLAUSE'
  /** An Annex A control (ISO/IEC 42001 A.6.2.4, ISO/IEC 27001 A.5.23). */
  | 'CONTROL'
  /** An Annex A control objective that groups controls (ISO/IEC 42001 A.6.2). */
  | 'CONTROL_OBJECTIVE'
  /** A NIST AI RMF function (GOVERN, MAP, MEASURE, MANAGE). */
  | 'FUNCTION'
  /** A numbered paragraph without a heading of its own (ISO 9001 8.7.1); assessed with its subclause. */
  | 'PARAGRAPH'
  /** A section of a chapter of the EU AI Act. */
  | 'SECTION'
  /** A NIST AI RMF subcategory (GOVERN 1.1), the unit its outcomes are assessed at. */
  | 'SUBCATEGORY'
  /** A headed subclause of a clause, at any depth (6.1.2, 7.1.5.1). */
  | 'SUBCLAUSE'
  /** An ISO/IEC 27001 Annex A theme that groups controls (A.5 Organizational controls). */
  | 'THEME';

export type FrameworksQueryVariables = Exact<{ [key: string]: never; }>;


export type FrameworksQuery = { frameworks: Array<{ id: string, name: string, version: string, kind: FrameworkKind, publisher: string, requirementCount: number }> };

export type AnnexAControlsQueryVariables = Exact<{
  framework: string;
}>;


export type AnnexAControlsQuery = { framework: { id: string, name: string, version: string, requirements: Array<{ ref: string, title: string | null, children: Array<{ ref: string, title: string | null, kind: RequirementKind, auditable: boolean }> }> } | null };

export type RequirementContextQueryVariables = Exact<{
  framework: string;
  ref: string;
}>;


export type RequirementContextQuery = { requirement: { id: string, ref: string, title: string | null, kind: RequirementKind, auditable: boolean, roles: Array<OperatorRole>, rolesNote: string | null, framework: { id: string, name: string }, ancestors: Array<{ ref: string, title: string | null, kind: RequirementKind }>, parent: { ref: string, title: string | null } | null, children: Array<{ ref: string, title: string | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const FrameworksDocument = new TypedDocumentString(`
    query Frameworks {
  frameworks {
    id
    name
    version
    kind
    publisher
    requirementCount
  }
}
    `) as unknown as TypedDocumentString<FrameworksQuery, FrameworksQueryVariables>;
export const AnnexAControlsDocument = new TypedDocumentString(`
    query AnnexAControls($framework: ID!) {
  framework(id: $framework) {
    id
    name
    version
    requirements(kind: CONTROL_OBJECTIVE) {
      ref
      title
      children {
        ref
        title
        kind
        auditable
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnexAControlsQuery, AnnexAControlsQueryVariables>;
export const RequirementContextDocument = new TypedDocumentString(`
    query RequirementContext($framework: ID!, $ref: String!) {
  requirement(framework: $framework, ref: $ref) {
    id
    ref
    title
    kind
    auditable
    roles
    rolesNote
    framework {
      id
      name
    }
    ancestors {
      ref
      title
      kind
    }
    parent {
      ref
      title
    }
    children {
      ref
      title
    }
  }
}
    `) as unknown as TypedDocumentString<RequirementContextQuery, RequirementContextQueryVariables>;