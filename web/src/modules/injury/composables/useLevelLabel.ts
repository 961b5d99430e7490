/** Labels of the estimates' levels in each dimension, in the UI language. */
import { useI18n } from 'vue-i18n'
import { useDict } from '@/composables/useDict'
import { DICT } from '../api'
import type { LevelLabel } from '../utils/estimates'
import { usePublicForm } from '@/composables/usePublicForm'

export function useLevelLabel(): LevelLabel {
  const { t, te } = useI18n()
  const product = useDict(DICT.product)
  const sex = useDict(DICT.sex)
  const { cityName } = usePublicForm()
  return (dimension, level) => {
    switch (dimension) {
      case 'product':
        return product.label(level)
      case 'sex':
        return sex.label(level)
      case 'city':
        return cityName(level)
      case 'age_group':
        return te(`injury.ageGroups.${level}`) ? t(`injury.ageGroups.${level}`) : level
      default:
        return level
    }
  }
}
