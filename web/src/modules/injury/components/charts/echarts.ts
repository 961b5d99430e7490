/**
 * ECharts with what the module's charts add to the console's (lines, legends, the heat map);
 * imported lazily with the charts (the `echarts` chunk).
 */
import { HeatmapChart, LineChart } from 'echarts/charts'
import { LegendComponent, MarkLineComponent } from 'echarts/components'
import { echarts } from '@/components/dashboard/echarts'

echarts.use([LineChart, HeatmapChart, LegendComponent, MarkLineComponent])

export { echarts }
