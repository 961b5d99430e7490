/**
 * ECharts with what the modules' charts (EChart.vue) add to the console's: lines, the heat map,
 * the radar, legends and mark lines; imported lazily with the charts (the `echarts` chunk).
 */
import { HeatmapChart, LineChart, RadarChart } from 'echarts/charts'
import { LegendComponent, MarkLineComponent, RadarComponent } from 'echarts/components'
import { echarts } from '@/components/dashboard/echarts'

echarts.use([LineChart, HeatmapChart, RadarChart, LegendComponent, MarkLineComponent, RadarComponent])

export { echarts }
