# i18n.mk - the message catalogues (GNU gettext), included by the Makefile.
#
#   all           compiles po/LANG.po into $(B)/locale/LANG/LC_MESSAGES/qsreport.mo
#                 (msgfmt --check: a translation must keep its printf conversions)
#   make po       extracts every message into po/qsreport.pot (xgettext) and
#                 merges it into each po/LANG.po (msgmerge); translate, commit
#   install       also installs the catalogues under $(LOCALEDIR)
#
# Messages are the format strings of the diagnostics functions (diag.h),
# and anything in _(), P_() or N_() (i18n.h).  A part of a message composed
# before it reaches a diagnostic as "%s" is wrapped in _() where it is
# composed (N_() in tables), so no message reads in two languages.

LOCALEDIR ?= $(PREFIX)/share/locale
PO_LANGS  := zh_CN
MO_FILES  := $(patsubst %,$(B)/locale/%/LC_MESSAGES/qsreport.mo,$(PO_LANGS))
XGETTEXT_FLAGS := --from-code=UTF-8 -c --add-location=file --package-name=qsreport \
    --package-version=$(VERSION) --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=qs_diag_error:3 \
    --keyword=qs_diag_warning:3 --keyword=qs_diag_add:4 --keyword=qs_diag_published:3 \
    --keyword=qs_form_cell_error:5 --keyword=qs_xread_fail:2

.PHONY: po install-locale

all: $(MO_FILES)

# where an installed binary looks when it is not beside build/locale
$(B)/obj/i18n.o: QS_CFLAGS += -DQS_LOCALEDIR='"$(LOCALEDIR)"'

$(B)/locale/%/LC_MESSAGES/qsreport.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $@"
	$(Q)msgfmt --check -o $@ $<

po:
	$(Q)xgettext $(XGETTEXT_FLAGS) -o po/qsreport.pot $(sort $(wildcard src/*.c))
	$(Q)for l in $(PO_LANGS); do msgmerge --quiet --update --backup=none po/$$l.po po/qsreport.pot || exit 1; done
	$(Q)msgfmt --check --statistics -o /dev/null po/zh_CN.po

install: install-locale

install-locale: $(MO_FILES)
	$(Q)for l in $(PO_LANGS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(B)/locale/$$l/LC_MESSAGES/qsreport.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/qsreport.mo \
	    || exit 1; done
