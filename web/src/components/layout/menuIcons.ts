import type { Component } from 'vue'
import {
  Avatar, Calendar, Coin, Collection, Connection, DataAnalysis, Document, DocumentChecked, EditPen, Files, FirstAidKit, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Promotion, Setting, Share, Tickets, Tools, TrendCharts, Trophy, User, Van, Warning,
} from '@element-plus/icons-vue'

/** The icons the route table names (meta.icon); imported one by one to keep the bundle small. */
export const menuIcons: Record<string, Component> = {
  Avatar, Calendar, Coin, Collection, Connection, DataAnalysis, Document, DocumentChecked, EditPen, Files, FirstAidKit, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Promotion, Setting, Share, Tickets, Tools, TrendCharts, Trophy, User, Van, Warning,
}
