import { readdirSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ToolError } from '../errors.js';
import type { Catalogue, Limits, Profile, ProfileFile, Rule } from './catalogue.js';
import { catalogueProblems, profileProblems } from './load-check-catalogue.js';
import { worldProblems } from './load-check-world.js';
import {
  DEFAULT_CATALOGUE,
  DEFAULT_PROFILE,
  DEFAULT_WORLD,
  PROFILES_DIR,
  packagePath,
  resolveUserPath,
} from './load-paths.js';
import { throwProblems } from './load-problems.js';
import { schemaOf, schemaProblems } from './load-validate.js';
import { type ParsedFile, parseYamlText, readYamlFile } from './load-yaml.js';
import { readOpenApiFile } from './openapi-document.js';
import { type RequestLimits, requestLimits, requestLimitsOf } from './request-limits.js';
import type { World } from './world.js';

/** The one way to read the rules catalogue, a profile and a world: parsed, schema-checked, cross-checked. */
export interface Spec {
  catalogue: Catalogue;
  profile: Profile;
  world: World;
}

export interface SpecFiles {
  /** World manifest file; default fixtures/default.world.yaml of the package. */
  world?: string;
  /** Profile name (spec/profiles/<name>.yaml) or file; default doc-2024. */
  profile?: string;
  /** Catalogue file; default spec/CreateSnapshotGroup.rules.yaml of the package. */
  catalogue?: string;
  /**
   * An OpenAPI description of CreateSnapshotGroup to read the request's limits from instead of the shipped
   * one (a future API version, an edited copy); the checks still read the shipped files.
   */
  openapi?: string;
}

export function loadCatalogue(file?: string): Catalogue {
  const parsed = readYamlFile(
    file === undefined ? packagePath(...DEFAULT_CATALOGUE) : resolveUserPath(file),
    'Catalogue',
  );
  return checkCatalogue(parsed);
}

export function loadWorld(file?: string): World {
  const parsed = readYamlFile(
    file === undefined ? packagePath(...DEFAULT_WORLD) : resolveUserPath(file),
    'World',
  );
  return checkWorld(parsed);
}

/** A profile by name (spec/profiles/<name>.yaml) or by path (anything with a '/' or a .yaml/.yml/.json ending). */
export function loadProfile(nameOrFile: string = DEFAULT_PROFILE, openapi?: string): Profile {
  return checkProfile(readYamlFile(profilePath(nameOrFile), 'Profile'), undefined, limitsFrom(openapi));
}

export function loadSpec(files: SpecFiles = {}): Spec {
  const catalogue = loadCatalogue(files.catalogue);
  const profileFile = readYamlFile(profilePath(files.profile ?? DEFAULT_PROFILE), 'Profile');
  const profile = checkProfile(profileFile, catalogue, limitsFrom(files.openapi));
  return { catalogue, profile, world: loadWorld(files.world) };
}

const limitsFrom = (openapi: string | undefined): RequestLimits =>
  openapi === undefined ? requestLimits() : requestLimitsOf(readOpenApiFile(resolveUserPath(openapi)));

/** A world given as text (tests, generated worlds), checked exactly as a world file is. */
export function parseWorld(text: string, label = '<world>'): World {
  return checkWorld(parseYamlText(text, label, 'World'));
}

/** Units a limit is shown with in a title ("at most 32768 GiB"). */
const LIMIT_UNITS: Partial<Record<keyof Limits, string>> = { maxTotalSizeGiB: ' GiB' };

/**
 * A catalogue text with the profile's numbers in place of the limits it names ("At most maxDisks disks"
 * becomes "At most 16 disks"): the catalogue is written once for every profile, a reader wants numbers.
 */
export function withLimits(text: string, limits: Limits): string {
  return text.replace(/\b(maxDisks|maxDiskIndex|maxTotalSizeGiB|maxTags)\b/g, (name) => {
    const limit = name as keyof Limits;
    return `${limits[limit]}${LIMIT_UNITS[limit] ?? ''}`;
  });
}

/** The catalogue's rules with the profile's limits in their titles and its overrides of expected outcome and note applied. */
export function applyProfile(catalogue: Catalogue, profile: Profile): Rule[] {
  const overrides = profile.overrides ?? {};
  const unknown = Object.keys(overrides).filter((id) => !catalogue.rules.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    throw new ToolError(
      'E_CONFIG',
      `Profile ${profile.name}: overrides name rules the catalogue lacks: ${unknown.join(', ')}`,
    );
  }
  return catalogue.rules.map((profiled) => {
    const title = withLimits(profiled.title, profile.limits);
    // A rule the profile leaves alone stays the catalogue's own object.
    const rule = title === profiled.title ? profiled : { ...profiled, title };
    const override = overrides[rule.id];
    if (override === undefined) return rule;
    const note =
      override.note === undefined
        ? rule.note
        : [rule.note, `[${profile.name}] ${override.note}`].filter(Boolean).join(' ');
    return { ...rule, expected: override.expected ?? rule.expected, ...(note !== undefined && { note }) };
  });
}

/** The profiles shipped in spec/profiles, by name. */
export function profileNames(): string[] {
  return readdirSync(packagePath(...PROFILES_DIR))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => basename(name, '.yaml'))
    .sort();
}

function profilePath(nameOrFile: string): string {
  const isFile =
    nameOrFile.includes('/') ||
    nameOrFile.includes('\\') ||
    ['.yaml', '.yml', '.json'].includes(extname(nameOrFile));
  if (isFile) return resolveUserPath(nameOrFile);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(nameOrFile) || !profileNames().includes(nameOrFile)) {
    throw new ToolError(
      'E_CONFIG',
      `Profile '${nameOrFile}' is not shipped (known: ${profileNames().join(', ')}); give a name or a file`,
    );
  }
  return packagePath(...PROFILES_DIR, `${nameOrFile}.yaml`);
}

function checkCatalogue(parsed: ParsedFile): Catalogue {
  throwProblems(parsed, 'Catalogue', schemaProblems('rules', parsed.data));
  const catalogue = parsed.data as Catalogue;
  throwProblems(parsed, 'Catalogue', catalogueProblems(catalogue, schemaOf('world')));
  return catalogue;
}

function checkWorld(parsed: ParsedFile): World {
  throwProblems(parsed, 'World', schemaProblems('world', parsed.data));
  const world = parsed.data as World;
  throwProblems(parsed, 'World', worldProblems(world));
  return world;
}

/** The file's limits overlay the OpenAPI description's: a profile names only where a target departs from it. */
function checkProfile(parsed: ParsedFile, catalogue: Catalogue | undefined, spec: RequestLimits): Profile {
  throwProblems(parsed, 'Profile', schemaProblems('profile', parsed.data));
  const file = parsed.data as ProfileFile;
  const { limits, ...request } = spec;
  const profile: Profile = { ...file, limits: { ...limits, ...file.limits }, request };
  throwProblems(parsed, 'Profile', profileProblems(profile, catalogue));
  return profile;
}
