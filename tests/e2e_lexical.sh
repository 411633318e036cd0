#!/bin/sh
# e2e_lexical.sh - values are read as the XSD defines them.  Each variant of
# the sample rewrites typed values into another spelling of the same value
# (done=" true", value="+168", year="2022Z", date="2022-06-30+08:00",
# ref=" 7.1 " …) and must validate, dump and score exactly like the
# canonical form: the same model, every score the same, total 84.5.  Then
# the failure paths: a file libxml2 only warns about, a valid value the
# model cannot hold.
. "$(dirname "$0")/setup.sh"
cd "$TOP"
S=samples/yongqiao-2022

# The canonical case, with the indicator schema beside the plan so that the
# schema's values can be varied too (the plan names it by a bare file name).
mkdir -p "$T/canon"
cp -R "$S" "$T/canon/case"
cp templates/indicators-anhui-2022.xml "$T/canon/case/"

# outputs DIR: validate (stderr, exit status), the model, the scores, in DIR/out.*
outputs() {
    (
        cd "$1"
        s=0
        "$QS" validate case >/dev/null 2>out.validate || s=$?
        echo "exit $s" >>out.validate
        "$QS" dump case >out.dump 2>/dev/null || echo "dump failed" >>out.dump
        "$QS" score --dump case >out.scores 2>/dev/null || echo "score --dump failed" >>out.scores
        "$QS" score case >out.score 2>/dev/null || echo "score failed" >>out.score
    )
}
outputs "$T/canon"
check "canonical sample: valid" grep -q '^exit 0$' "$T/canon/out.validate"
check "canonical sample: total 84.5" grep -q '^总分 *84.5$' "$T/canon/out.score"

# variant NAME FILES SED: the canonical case with SED applied to FILES (a
# glob inside the case) must give the very same outputs
n=0
variant() {
    n=$((n + 1))
    v=$T/v$n
    rm -rf "$v"
    cp -R "$T/canon" "$v"
    rm -f "$v"/out.*
    (cd "$v/case" && sed -i -E "$3" $2)
    if diff -r -q "$T/canon/case" "$v/case" >/dev/null; then
        bad "$1 (the edit changed nothing)"
        return
    fi
    outputs "$v"
    for o in validate dump scores score; do
        if ! diff -u "$T/canon/out.$o" "$v/out.$o" >"$T/diff.out" 2>&1; then
            bad "$1: $o differs"
            head -20 "$T/diff.out" | sed 's/^/    /'
            return
        fi
    done
    ok "$1"
}

# ---- evidence (templates/evidence.xsd)
variant 'xs:boolean done=" true"' 'evidence/*.xml' 's/done="true"/done=" true"/g'
variant 'xs:boolean done="1" and done="0"' 'evidence/*.xml' 's/done="true"/done="1"/g; s/done="false"/done="0"/g'
variant 'xs:boolean done with tab and newline (&#9; &#10;)' 'evidence/*.xml' 's/done="(true|false)"/done="\&#9;\1\&#10;"/g'
variant 'xs:boolean fact value=" true" and "0"' 'evidence/*.xml' \
    's/(<fact [^>]*)value="true"/\1value=" true"/g; s/(<fact [^>]*)value="false"/\1value="0"/g'
variant 'xs:boolean any-year="1", sample=" true "' 'evidence/*.xml' 's/any-year="true"/any-year="1"/g; s/sample="true"/sample=" true "/g'
variant 'xs:decimal value=" 168 "' 'evidence/*.xml' 's/value="([0-9.]+)"/value=" \1 "/g'
variant 'xs:decimal value="+168"' 'evidence/*.xml' 's/value="([0-9.]+)"/value="+\1"/g'
variant 'xs:decimal value="168.0"' 'evidence/*.xml' 's/value="([0-9]+)"/value="\1.0"/g'
variant 'xs:decimal value="0168" and "168."' 'evidence/*.xml' 's/value="([0-9]+)\.([0-9]+)"/value="0\1.\2"/g; s/value="([0-9]+)"/value="\1."/g'
variant 'xs:decimal value=".5" for 0.5' 'evidence/*.xml' 's/value="0\.([0-9]+)"/value=".\1"/g'
variant 'points score=" 1.50" and claimed="+2.00"' 'evidence/*.xml' 's/score="([0-9.]+)"/score=" \1"/g; s/claimed="([0-9]+)"/claimed="+\1.00"/g'
variant 'xs:gYear year="2022Z"' 'evidence/*.xml' 's/ year="([0-9]+)"/ year="\1Z"/g'
variant 'xs:gYear year="2022+08:00" and "2021-14:00"' 'evidence/*.xml' 's/ year="(2022)"/ year="\1+08:00"/g; s/ year="(20[0-9][01])"/ year="\1-14:00"/g'
variant 'xs:date date="2022-06-30Z"' 'evidence/*.xml' 's/date="([0-9-]+)"/date="\1Z"/g'
variant 'xs:date date="2022-06-30+08:00" and "-05:00"' 'evidence/*.xml' 's/(<document[^>]*)date="([0-9-]+)"/\1date="\2+08:00"/g; s/(<(award|incident)[^>]*)date="([0-9-]+)"/\1date="\3-05:00"/g'
variant 'xs:token ref=" 7.1 ", quantity=" x", kind="x "' 'evidence/*.xml' \
    's/ ref="([^"]+)"/ ref=" \1 "/g; s/quantity="([^"]+)"/quantity=" \1"/g; s/kind="([^"]+)"/kind="\1 "/g'
variant 'xs:token level=" national "' 'evidence/*.xml' 's/level="([a-z]+)"/level=" \1 "/g'
variant 'xs:token version=" 1 "' 'evidence/*.xml' 's/version="1"/version=" 1 "/'

# ---- plan (templates/plan.xsd)
variant 'plan xs:gYear <year>2022Z</year>' plan.xml 's|<year>2022</year>|<year>2022Z</year>|'
variant 'plan xs:gYear <year>2022-05:00</year>' plan.xml 's|<year>2022</year>|<year>2022-05:00</year>|'
variant 'plan xs:token <status> draft </status>' plan.xml 's#<status>(draft|final)</status>#<status> \1 </status>#'
variant 'plan xs:positiveInteger indicator="+01", no=" 1 "' plan.xml 's/indicator="([0-9]+)"/indicator="+0\1"/g; s/ no="([0-9]+)"/ no=" \1 "/g'
variant 'plan xs:boolean member="1" and member=" false"' plan.xml 's/member="true"/member="1"/g; s/member="false"/member=" false"/g'
variant 'plan xs:token role=" lead", of="committee "' plan.xml 's/role="lead"/role=" lead"/g; s/of="committee"/of="committee "/g'
variant 'plan xs:decimal min="+0" max="100.0", target value' plan.xml 's/min="0"/min="+0"/g; s/max="100"/max="100.0"/g; s/(<target [^>]*)value="([0-9.]+)"/\1value=" \2"/g'
variant 'plan xs:token op=" ge ", quantity, ids' plan.xml 's/op="([a-z]+)"/op=" \1 "/g; s/quantity="([^"]+)"/quantity="\1 "/g; s/ id="([^"]+)"/ id=" \1"/g'

# ---- indicator schema (templates/indicators.xsd)
variant 'schema points=" 2", total="100.00", bonus-cap="+5"' indicators-anhui-2022.xml \
    's/points="([0-9.]+)"/points=" \1"/g; s/total="100"/total="100.00"/; s/bonus-cap="5"/bonus-cap="+5"/'
variant 'schema xs:positiveInteger no="+01", years="02"' indicators-anhui-2022.xml 's/ no="([0-9]+)"/ no="+0\1"/g; s/years="([0-9]+)"/years="0\1"/g'
variant 'schema xs:boolean bonus="1", xs:gYear year="2022Z"' indicators-anhui-2022.xml 's/bonus="true"/bonus="1"/; s/ year="2022"/ year="2022Z"/'
variant 'schema xs:decimal value="+90.", min/max' indicators-anhui-2022.xml 's/ value="([0-9]+)"/ value="+\1."/g; s/min="0"/min="0.0"/g; s/max="100"/max=" 100"/g'
variant 'schema xs:token op, direction, level id, ids' indicators-anhui-2022.xml \
    's/op="([a-z]+)"/op="\1 "/g; s/direction="([a-z]+)"/direction=" \1"/g; s/<level id="([a-z]+)"/<level id=" \1 "/g; s/ id="([0-9.]+)"/ id=" \1"/g'

# ---- failure paths

# an evidence file in XML 1.1: libxml2 only warns, and the file is dropped
mkdir -p "$T/x11"
cp -R "$T/canon/case" "$T/x11/case"
sed -i '1s/version="1.0"/version="1.1"/' "$T/x11/case/evidence/zjj.xml"
s=0
(cd "$T/x11" && "$QS" validate case) >/dev/null 2>"$T/x11.err" || s=$?
check "XML 1.1 evidence: exit 1" test "$s" -eq 1
check "XML 1.1 evidence: an error of that file, with its line" \
    grep -qx "case/evidence/zjj.xml:1: error: Unsupported version '1.1' (the file is not read)" "$T/x11.err"
s=0
(cd "$T/x11" && "$QS" score case) >"$T/x11.out" 2>/dev/null || s=$?
check "XML 1.1 evidence: not scored" sh -c "test $s -eq 1 && ! test -s '$T/x11.out'"

# a valid xs:positiveInteger the model cannot hold: an error, never indicator 0
mkdir -p "$T/big"
cp -R "$T/canon/case" "$T/big/case"
sed -i 's/<responsible indicator="2">/<responsible indicator="99999999999">/' "$T/big/case/plan.xml"
s=0
(cd "$T/big" && "$QS" validate case) >/dev/null 2>"$T/big.err" || s=$?
check "an integer past int: exit 1" test "$s" -eq 1
check "an integer past int: the error names element, attribute and value" grep -q \
    '^case/plan.xml:[0-9]*: error: <responsible indicator="99999999999">: outside the integers qsreport reads' "$T/big.err"

finish
