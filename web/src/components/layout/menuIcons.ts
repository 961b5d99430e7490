import type { Component } from 'vue'
import { Avatar, Collection, Connection, Document, DocumentChecked, Files, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Setting, Tickets, Tools, User } from '@element-plus/icons-vue'

/** The icons the route table names (meta.icon); imported one by one to keep the bundle small. */
export const menuIcons: Record<string, Component> = {
  Avatar, Collection, Connection, Document, DocumentChecked, Files, Flag, Grid, HomeFilled, List, Location, OfficeBuilding, Setting, Tickets, Tools, User,
}
