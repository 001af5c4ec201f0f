// The only place ECharts is imported: the core plus the few charts and components the KPI
// screens draw (tree-shaken, canvas renderer). Only lazily loaded chart components import
// this file, so ECharts never reaches the login or layout chunks (a unit test checks it).
import { init, use } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkAreaComponent, MarkPointComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkPointComponent, TooltipComponent, CanvasRenderer])

export { init }
export type { ECharts } from 'echarts/core'
