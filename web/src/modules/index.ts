/**
 * The console's business modules, in menu order (after the home page, before system management).
 * A new module is a folder `src/modules/<name>/` whose `index.ts` exports its `defineModule({…})`,
 * and one line here; the router (src/router/routes.ts) and the texts (src/i18n/messages.ts) take
 * every module from this list.
 */
import type { ConsoleModule } from './module'
import plan from './plan'
import quality from './quality'
import injury from './injury'
import recall from './recall'
import car from './car'
import service from './service'
import programme from './programme'
import assessment from './assessment'

export const modules: readonly ConsoleModule[] = [plan, quality, injury, recall, car, service, programme, assessment]

/** Every module's pages, for the admin layout's children. */
export const moduleRoutes = modules.flatMap((m) => m.routes)

/** Every module's pages without login, outside the layout. */
export const modulePublicRoutes = modules.flatMap((m) => m.publicRoutes ?? [])
