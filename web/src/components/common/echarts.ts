/**
 * ECharts with what the modules' charts (EChart.vue) add to the console's: lines, the heat map,
 * the radar, pies, legends and mark lines; imported lazily with the charts (the `echarts` chunk).
 */
import { HeatmapChart, LineChart, PieChart, RadarChart } from 'echarts/charts'
import { LegendComponent, MarkLineComponent, RadarComponent } from 'echarts/components'
import { echarts } from '@/components/dashboard/echarts'

echarts.use([LineChart, HeatmapChart, PieChart, RadarChart, LegendComponent, MarkLineComponent, RadarComponent])

export { echarts }
