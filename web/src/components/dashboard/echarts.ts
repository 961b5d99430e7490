/** ECharts with only what the console draws (the map, the rate bars); imported lazily (its own chunk). */
import * as echarts from 'echarts/core'
import { BarChart, MapChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([MapChart, ScatterChart, BarChart, GeoComponent, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export { echarts }
