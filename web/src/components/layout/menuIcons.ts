import type { Component } from 'vue'
import {
  Avatar, Coin, Collection, Connection, DataAnalysis, Document, DocumentChecked, EditPen, Files, FirstAidKit, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Promotion, Setting, Share, Tickets, Tools, TrendCharts, User, Warning,
} from '@element-plus/icons-vue'

/** The icons the route table names (meta.icon); imported one by one to keep the bundle small. */
export const menuIcons: Record<string, Component> = {
  Avatar, Coin, Collection, Connection, DataAnalysis, Document, DocumentChecked, EditPen, Files, FirstAidKit, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Promotion, Setting, Share, Tickets, Tools, TrendCharts, User, Warning,
}
