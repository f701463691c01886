// The suite's images, each from its recipe: reuse, load from cache, or build.
import * as boltStandin from '../images/bolt-standin/recipe.mjs'
import * as postgres from '../images/postgres/recipe.mjs'
import { log } from './exec.mjs'
import { ensureImage } from './image-cache.mjs'

/** env var → recipe. */
export const recipes = { POSTGRES_IMAGE: postgres, BOLT_STANDIN_IMAGE: boltStandin }

/** Returns `{ POSTGRES_IMAGE: tag, … }` once every image exists in the engine. */
export async function ensureImages() {
  const tags = {}
  for (const [env, recipe] of Object.entries(recipes)) {
    const started = Date.now()
    const how = await ensureImage(recipe)
    log(`${recipe.tag}: ${how} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    tags[env] = recipe.tag
  }
  return tags
}
