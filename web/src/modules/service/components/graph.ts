/**
 * ECharts with the graph series the path diagrams draw (the questionnaire's model), registered on
 * the console's ECharts; imported lazily with the chart (the `echarts` chunk).
 */
import { GraphChart } from 'echarts/charts'
import { echarts } from '@/components/common/echarts'

echarts.use([GraphChart])

export { echarts }
