/**
 * ECharts with what the module's charts add to the console's (radar, lines, legends, mark lines);
 * imported lazily with the charts (the `echarts` chunk).
 */
import { LineChart, RadarChart } from 'echarts/charts'
import { LegendComponent, MarkLineComponent, RadarComponent } from 'echarts/components'
import { echarts } from '@/components/dashboard/echarts'

echarts.use([RadarChart, LineChart, RadarComponent, LegendComponent, MarkLineComponent])

export { echarts }
