/**
 * ECharts with only what the console draws (the map, the rate bars); imported lazily (its own chunk).
 * The map uses the SVG renderer (crisp text at any zoom, labels a test can measure) and the label
 * layout feature (its labels are placed by geo.ts's placeLabels); the rest draw on a canvas.
 */
import * as echarts from 'echarts/core'
import { BarChart, MapChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { LabelLayout } from 'echarts/features'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

echarts.use([MapChart, ScatterChart, BarChart, GeoComponent, GridComponent, TooltipComponent, VisualMapComponent, LabelLayout, CanvasRenderer, SVGRenderer])

export { echarts }
