/** Annual work-plan supervision (督办): plans, tasks, reports and reviews, the supervision matrix. */
import { defineModule } from '../module'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import { routes } from './routes'

export default defineModule({ name: 'plan', routes, messages: { 'zh-CN': zhCN, en } })
