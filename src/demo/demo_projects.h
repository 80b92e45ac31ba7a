/* demo_projects.h: the key projects (重点项目) of the synthetic Danyang demo
 * zone. 55 key industrial projects with 2017 plans in the five industrial
 * parks: 39 planned to start in 2017 and all started (3 of them late), 16
 * started before; 147.5 亿元 invested in 2017 against plans of 146 亿元
 * (101%); one project suspended, one behind schedule, some completed or in
 * production, a few blocking problems. Beside them the urban, environmental,
 * livelihood and infrastructure works the 2017 year-in-review names (迎春路,
 * the river remediation, the old communities, 河阳集镇). The project data is
 * synthetic apart from those published figures. It goes in through the same
 * import as users' files. Depends on base, store, io. */
#ifndef KFQ_DEMO_PROJECTS_H
#define KFQ_DEMO_PROJECTS_H

#include "store/db.h"

/* Write the four project files (projects, project-plan, progress,
 * project-problems) into the folder dir, import them in that order, and
 * remove them again. The demo's parks and enterprises must be in db
 * already (owners are taken from each park's enterprises). */
int demo_projects(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
