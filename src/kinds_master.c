/* kinds_master.c — master data: units, people, and the accounts that use liangze. */
#include "kinds_master.h"

#include "i18n.h"

static const char *const unit_categories[] = {
	"乡镇", "街道", "区级部门", "公共服务行业", "村(社区)", "区领导机关", NULL
};

static const kind_field unit_fields[] = {
	{ "code", N_("Unit code"), "单位编码", KF_TEXT, KF_REQUIRED | KF_UNIQUE | KF_SEARCH | KF_LOOKUP, 8, NULL, NULL, NULL, NULL },
	{ "name", N_("Unit name"), "单位名称", KF_TEXT, KF_REQUIRED | KF_UNIQUE | KF_SEARCH | KF_LOOKUP, 24, NULL, NULL, NULL, NULL },
	{ "category", N_("Unit category"), "单位类别", KF_ENUM, KF_REQUIRED, 12, unit_categories, NULL, NULL, NULL },
	{ "parent", N_("Parent unit"), "上级单位", KF_REF, 0, 16, NULL, "unit", N_("optional"), NULL },
	{ "principal_holder", N_("Principal-responsibility holder"), "主体责任人", KF_REF, 0, 10, NULL, "person",
	  N_("the Party secretary who holds the principal responsibility"), NULL },
	{ "supervisor_holder", N_("Supervisory-responsibility holder"), "监督责任人", KF_REF, 0, 10, NULL, "person",
	  N_("the discipline secretary or group leader who holds the supervisory responsibility"), NULL },
};

static const int unit_tasks[] = { 3, 4, 0 };

const kind kind_unit = {
	.name = "unit", .label = N_("Units"), .zh = "单位", .table = "unit",
	.fields = unit_fields, .nfields = sizeof unit_fields / sizeof unit_fields[0],
	.keys = { { "code", NULL } },
	.order = "code", .display = "name",
	.owner = KO_SELF, .tasks = unit_tasks,
};

static const char *const ranks[] = {
	"正处级", "副处级", "正科级", "副科级", "科员", "办事员", "村(社区)干部", "其他", NULL
};

static const kind_field person_fields[] = {
	{ "code", N_("Person code"), "人员编码", KF_TEXT, KF_UNIQUE | KF_SEARCH | KF_LOOKUP, 8, NULL, NULL, NULL, NULL },
	{ "name", N_("Name"), "姓名", KF_TEXT, KF_REQUIRED | KF_SEARCH | KF_LOOKUP, 8, NULL, NULL, NULL, NULL },
	{ "unit", N_("Unit"), "所在单位", KF_REF, KF_REQUIRED | KF_SEARCH, 20, NULL, "unit", NULL, NULL },
	{ "post", N_("Post"), "职务", KF_TEXT, KF_SEARCH, 16, NULL, NULL, NULL, NULL },
	{ "rank", N_("Rank"), "职级", KF_ENUM, 0, 8, ranks, NULL, NULL, NULL },
	{ "principal", N_("Principal"), "主要负责人", KF_BOOL, 0, 4, NULL, NULL, N_("the Party secretary or head who leads the unit"), NULL },
	{ "team_member", N_("Team member"), "班子成员", KF_BOOL, 0, 4, NULL, NULL, NULL, NULL },
	{ "discipline_secretary", N_("Discipline secretary"), "纪检负责人", KF_BOOL, 0, 4, NULL, NULL,
	  N_("纪委书记, 纪检组长 or 纪工委书记"), NULL },
	{ "commission_member", N_("Commission member"), "纪委委员", KF_BOOL, KF_HIDDEN, 4, NULL, NULL, NULL, NULL },
	{ "promoted_on", N_("Promoted on"), "提拔时间", KF_DATE, KF_HIDDEN, 10, NULL, NULL, NULL, NULL },
};

static const int person_tasks[] = { 2, 17, 18, 0 };

const kind kind_person = {
	.name = "person", .label = N_("Cadres"), .zh = "干部", .table = "person",
	.fields = person_fields, .nfields = sizeof person_fields / sizeof person_fields[0],
	.keys = { { "code", NULL }, { "name", "unit", NULL } },
	.order = "code", .display = "name",
	.owner = KO_FIELD, .owner_field = "unit", .tasks = person_tasks,
};

static const char *const roles[] = { "admin", "staff", "viewer", NULL };

static const kind_field account_fields[] = {
	{ "login", N_("Login"), "账号", KF_TEXT, KF_REQUIRED | KF_UNIQUE | KF_SEARCH | KF_LOOKUP, 12, NULL, NULL,
	  N_("the operating-system account name"), NULL },
	{ "role", N_("Role"), "角色", KF_ENUM, KF_REQUIRED, 8, roles, NULL, N_("admin, staff or viewer"), NULL },
	{ "scope_unit", N_("Unit scope"), "管辖单位", KF_REF, 0, 20, NULL, "unit",
	  N_("the unit whose records (and those of the units under it) the account may see; empty: the whole district"), NULL },
	{ "full_name", N_("Full name"), "姓名", KF_TEXT, KF_SEARCH, 10, NULL, NULL, NULL, NULL },
};

const kind kind_account = {
	.name = "account", .label = N_("Users"), .zh = "用户", .table = "account",
	.fields = account_fields, .nfields = sizeof account_fields / sizeof account_fields[0],
	.keys = { { "login", NULL } },
	.order = "login", .display = "login",
	.owner = KO_ADMIN,
};
