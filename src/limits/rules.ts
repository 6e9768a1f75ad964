/**
 * Validation rules that refuse an operation by its shape before anything runs: how
 * deeply fields nest, how many aliases and how many directives it uses. Each reports a
 * QueryTooComplexError (QUERY_TOO_COMPLEX, with `limit`, `max` and `actual`).
 *
 * Depth follows fragment spreads and is counted per operation; aliases and directives
 * are counted over the whole document. Introspection (`__schema`, `__type`) is left to
 * the introspection switch: its depth is the schema's, not the client's.
 */
import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { QueryTooComplexError } from '../errors.js';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The depth of a selection set: `{ a }` is 1, `{ a { b } }` is 2. A fragment's depth is
 * worked out once (however often it is spread), and a spread of a fragment already being
 * walked counts nothing, so cycles (which NoFragmentCycles reports) cannot loop.
 */
export function selectionDepth(
  selectionSet: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
): number {
  const known = new Map<string, number>();
  const walking = new Set<string>();
  const depthOf = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (walking.has(name)) continue;
        let depth = known.get(name);
        if (depth === undefined) {
          const definition = fragment(name);
          if (definition === undefined) continue;
          walking.add(name);
          depth = depthOf(definition.selectionSet);
          walking.delete(name);
          known.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };
  return depthOf(selectionSet);
}

export function maxDepthRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = selectionDepth(operation.selectionSet, (name) => context.getFragment(name) ?? undefined);
      if (depth > max) context.reportError(new QueryTooComplexError('depth', max, depth));
      return false;
    },
  });
}

/** A rule that counts nodes of one kind over the whole document and refuses more than `max`. */
function countingRule(
  limit: 'aliases' | 'directives' | 'introspection',
  max: number,
  counted: (count: () => void) => ASTVisitor,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      // A visitor function that returns a value replaces the node: count() returns nothing.
      ...counted(() => {
        count++;
      }),
      Document: {
        leave() {
          if (count > max) context.reportError(new QueryTooComplexError(limit, max, count));
        },
      },
    };
  };
}

/**
 * Refuses a document with more than `max` selections (fields, fragment spreads and inline
 * fragments as written, duplicates included; a fragment's own selections count once, at
 * its definition, and each spread of it counts one). It counts when the walk enters the
 * document, before any rule walks into it: graphql-js compares repeated fields in pairs
 * (OverlappingFieldsCanBeMerged), so a few kilobytes of one field repeated cost a CPU for
 * a tenth of a second or more. A document over the limit is removed from the walk (a
 * visitor that returns null deletes the node), so no rule looks inside it and the
 * refusal costs one linear count.
 */
export function maxSelectionsRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      let count = 0;
      // A loop, not recursion: the token limit allows deep nesting.
      const pending: SelectionSetNode[] = [];
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION)
          pending.push(definition.selectionSet);
      }
      for (let set = pending.pop(); set !== undefined; set = pending.pop()) {
        count += set.selections.length;
        for (const selection of set.selections)
          if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) pending.push(selection.selectionSet);
      }
      if (count <= max) return undefined;
      context.reportError(new QueryTooComplexError('selections', max, count));
      return null;
    },
  });
}

export const maxAliasesRule = (max: number): ValidationRule =>
  countingRule('aliases', max, (count) => ({
    Field(node) {
      if (node.alias !== undefined) count();
    },
  }));

export const maxDirectivesRule = (max: number): ValidationRule =>
  countingRule('directives', max, (count) => ({
    Directive() {
      count();
    },
  }));

/**
 * Introspection is priced by the schema, not by the client, so the other limits let it
 * be; but its answer is large (megabytes for `__schema` with every field), and aliases
 * would multiply it. A document may hold at most `max` introspection root fields
 * (GraphiQL and code generators send one).
 */
export const maxIntrospectionRule = (max: number): ValidationRule =>
  countingRule('introspection', max, (count) => ({
    Field(node) {
      if (INTROSPECTION_ROOTS.has(node.name.value)) count();
    },
  }));
