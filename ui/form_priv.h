/* form_priv.h — the form screen's state, shared by form.c (keys, editing,
 * saving) and form_draw.c (layout). Other screens use form_open in ui.h. */
#ifndef LZ_FORM_PRIV_H
#define LZ_FORM_PRIV_H

#include "lineedit.h"
#include "record.h"
#include "ui.h"

/* The state of one field while the form is open. */
typedef struct form_field {
	lineedit le;        /* typed fields: the text; enum: the choice; bool: "1"/"0" */
	char *init;         /* le's text when the form opened, to tell changes */
	int64_t ref;        /* references: the chosen record's id, 0 for none */
	int64_t ref_init;
	char shown[256];    /* references: the chosen record's name */
} form_field;

/* Room for the form's own edit bindings plus the line editor's. */
#define FORM_EDIT_KEYS 32

typedef struct form {
	ui_screen sc;
	const kind *k;
	record *orig;           /* as loaded; NULL for a new record */
	form_field *ff;         /* k->nfields */
	int cur;                /* the focused field */
	int top;                /* the first field on screen */
	int rows;               /* field rows at the last draw, for paging */
	bool edit;
	bool opened_edit;       /* Esc from edit mode closes rather than going back to view */
	bool failed;            /* the record could not be loaded */
	char failure[LZ_ERR_MAX];
	int picking;            /* the field a picker was opened for */
	void (*on_saved)(void *arg, int64_t id);
	void *arg;
	/* The edit-mode table: the form's bindings followed by ui_edit_keys (see
	 * edit_keys_init). Each form owns its copy, so no global is written. */
	ui_screen_ops edit_ops;
	ui_key edit_keys[FORM_EDIT_KEYS];
} form;

static inline bool is_typed(const kind_field *f)
{
	return f->type != KF_ENUM && f->type != KF_BOOL && f->type != KF_REF;
}

/* Worked out or set by liangze: shown, never typed. */
static inline bool editable(const kind_field *f)
{
	return !(f->flags & (KF_DERIVED | KF_READONLY));
}

static inline form_field *cur_ff(form *fm)
{
	return &fm->ff[fm->cur];
}

static inline const kind_field *cur_f(const form *fm)
{
	return &fm->k->fields[fm->cur];
}

/* Draws the form: a row per field, then help and hints for the focused one. */
void form_draw(ui_screen *sc, int top, int height);

#endif
