#!/usr/bin/env bash
# Draw the support-category icons of the kiosk (assets/icons/CATEGORY.png):
# simple, bold shapes in NHS blue on a transparent 192x192 square, one per
# category of EXPORT_FORMAT.md, named as the category. The kiosk scales them
# into its tiles (and puts them on white in the high-contrast theme).
# Needs ImageMagick 6 (convert). Run from anywhere; writes beside itself.
set -euo pipefail
cd "$(dirname "$0")"
B='#005EB8'   # NHS blue
R='#8A1538'   # dark red, for urgent help only
S=192
icon() { # NAME DRAW-ARGS...
  local name=$1; shift
  convert -size ${S}x${S} xc:none -strokewidth 0 "$@" -strip "PNG32:$name.png"
}
# Urgent help: an exclamation mark in a ring.
icon urgent -fill none -stroke "$R" -strokewidth 14 -draw "circle 96,96 96,18" \
  -stroke none -fill "$R" -draw "roundrectangle 86,46 106,116 8,8" -draw "circle 96,140 96,152"
# Symptoms and side effects: a thermometer.
icon symptoms -fill "$B" -draw "roundrectangle 80,22 112,130 16,16" -draw "circle 96,142 96,172" \
  -fill white -draw "roundrectangle 90,34 102,128 6,6" -fill "$B" -draw "rectangle 90,80 102,140"
# Emotional support: a heart.
icon emotional -fill "$B" -draw "path 'M 96,170 C 20,112 10,62 46,40 C 70,26 90,40 96,58 C 102,40 122,26 146,40 C 182,62 172,112 96,170 Z'"
# Money and benefits: a pound sign in a ring.
icon financial -fill none -stroke "$B" -strokewidth 12 -draw "circle 96,96 96,20" -stroke none \
  -fill "$B" -font DejaVu-Sans-Bold -pointsize 104 -gravity center -annotate +0+4 '£'
# Carers and family: two people, one taller.
icon carers_family -fill "$B" -draw "circle 70,52 70,78" -draw "roundrectangle 34,88 106,176 30,30" \
  -draw "circle 136,82 136,102" -draw "roundrectangle 108,112 164,176 24,24"
# Support groups: three people side by side.
icon support_groups -fill "$B" -draw "circle 46,74 46,94" -draw "roundrectangle 18,104 74,170 24,24" \
  -draw "circle 146,74 146,94" -draw "roundrectangle 118,104 174,170 24,24" \
  -draw "circle 96,58 96,82" -draw "roundrectangle 62,94 130,176 28,28"
# Practical help: a checklist with ticks.
icon practical -fill none -stroke "$B" -strokewidth 12 -draw "roundrectangle 30,20 162,172 14,14" \
  -strokewidth 10 -draw "polyline 50,62 62,74 84,50" -draw "polyline 50,112 62,124 84,100" \
  -draw "line 100,64 142,64" -draw "line 100,114 142,114" -draw "line 50,150 142,150"
# Palliative and end of life care: a leaf.
icon palliative -fill "$B" -draw "path 'M 40,160 C 30,80 80,30 166,26 C 166,110 120,164 40,160 Z'" \
  -fill none -stroke white -strokewidth 8 -draw "path 'M 52,148 C 80,110 110,80 146,48'"
# Work and cancer: a briefcase.
icon work -fill none -stroke "$B" -strokewidth 12 -draw "roundrectangle 70,30 122,62 10,10" \
  -stroke none -fill "$B" -draw "roundrectangle 22,56 170,164 16,16" \
  -fill white -draw "rectangle 22,100 170,108" -fill "$B" -draw "roundrectangle 84,92 108,116 4,4"
# Healthy living: an apple.
icon lifestyle -fill "$B" -draw "path 'M 96,62 C 60,40 20,60 28,108 C 34,150 66,178 96,164 C 126,178 158,150 164,108 C 172,60 132,40 96,62 Z'" \
  -draw "path 'M 98,60 C 96,40 104,26 120,18 L 124,26 C 110,34 106,46 106,60 Z'" \
  -draw "path 'M 108,44 C 120,24 146,22 158,30 C 146,50 124,54 108,44 Z'"
# Information about cancer: an "i" in a ring.
icon information -fill none -stroke "$B" -strokewidth 14 -draw "circle 96,96 96,18" \
  -stroke none -fill "$B" -draw "circle 96,56 96,70" -draw "roundrectangle 84,82 108,148 8,8"
# Clinical trials: a laboratory flask.
icon clinical_trials -fill "$B" -draw "path 'M 74,20 L 118,20 L 118,34 L 110,34 L 110,76 L 162,160 C 168,172 160,178 150,178 L 42,178 C 32,178 24,172 30,160 L 82,76 L 82,34 L 74,34 Z'" \
  -fill white -draw "path 'M 64,130 L 128,130 L 148,162 L 44,162 Z'"
ls -1 *.png
