/**
 * ECharts with the boxplot the round analysis draws (the reviewers' totals), registered on the
 * console's ECharts; imported lazily with the chart (the `echarts` chunk).
 */
import { BoxplotChart } from 'echarts/charts'
import { echarts } from '@/components/common/echarts'

echarts.use([BoxplotChart])

export { echarts }
