--[[
html.lua -- pandoc Lua filter: HTML becomes pandoc elements instead of being dropped.

LaTeX output drops raw HTML, so a Colab heading `<h1>…</h1>`, `<b>`, `<br>`, `<img>`,
lists and tables written as HTML in a Markdown cell would vanish. Each run of raw HTML
(from an opening tag to its closing one, with the Markdown between) is written back
as HTML and read with pandoc's HTML reader. What has no printed form is dropped:
<style>, <script>, comments, and inline SVG icons in Markdown cells.

Metadata `table-caption` (set when converting one cell output) captions the first
table, so it is numbered and in the list of tables.
]]

local VOID = {
  area = true, base = true, br = true, col = true, embed = true, hr = true, img = true,
  input = true, link = true, meta = true, source = true, track = true, wbr = true,
}

local function is_html(el)
  return (el.t == "RawBlock" or el.t == "RawInline") and el.format:match("^html") ~= nil
end

-- How many elements the tags in `text` leave open.
local function depth_change(text)
  local depth = 0
  text = text:gsub("<!%-%-.-%-%->", "")
  for close, name, rest in text:gmatch("<(/?)([%a][%w-]*)([^>]*)>") do
    if close == "/" then
      depth = depth - 1
    elseif not VOID[name:lower()] and not rest:match("/%s*$") then
      depth = depth + 1
    end
  end
  return depth
end

local function drop_html(el)
  if is_html(el) then return {} end
end

-- Data URIs from inline <svg> in a Markdown cell (icons, badges) cannot be printed;
-- converting a cell output keeps them (metadata embedded-images) for the build to write.
local keep_embedded = false

local drop = {
  RawBlock = drop_html,
  RawInline = drop_html,
  Image = function(el)
    if not keep_embedded and el.src:match("^data:") then return {} end
  end,
}

local function read_html(html)
  return pandoc.read(html, "html").blocks:walk(drop)
end

local function as_inlines(blocks)
  if #blocks == 1 and (blocks[1].t == "Para" or blocks[1].t == "Plain") then
    return blocks[1].content
  end
  return pandoc.utils.blocks_to_inlines(blocks)
end

-- The run of elements from list[i] up to the one closing its tags.
local function run_end(list, i)
  local depth, j = depth_change(list[i].text), i
  while depth > 0 and j < #list do
    j = j + 1
    if is_html(list[j]) then depth = depth + depth_change(list[j].text) end
  end
  return j
end

-- Citations and math survive the trip through HTML as placeholders (pandoc's HTML
-- writer would turn them into spans the reader keeps as text).
local OPEN, CLOSE = "\u{E000}", "\u{E001}"

local function hide(slice, saved)
  local function keep(el)
    saved[#saved + 1] = el
    return pandoc.Str(OPEN .. #saved .. CLOSE)
  end
  return pandoc.Blocks(slice):walk({ Cite = keep, Math = keep })
end

local function restore(blocks, saved)
  return blocks:walk({
    Str = function(el)
      if not el.text:find(OPEN, 1, true) then return nil end
      local out, rest = {}, el.text
      for before, n, after in el.text:gmatch("(.-)" .. OPEN .. "(%d+)" .. CLOSE .. "()") do
        if before ~= "" then out[#out + 1] = pandoc.Str(before) end
        out[#out + 1] = saved[tonumber(n)]
        rest = el.text:sub(after)
      end
      if rest ~= "" then out[#out + 1] = pandoc.Str(rest) end
      return out
    end,
  })
end

local function convert(list, inline)
  local out, i = {}, 1
  while i <= #list do
    if is_html(list[i]) then
      local j = run_end(list, i)
      local slice = {}
      for k = i, j do slice[#slice + 1] = list[k] end
      local saved = {}
      local hidden = hide(inline and { pandoc.Plain(slice) } or slice, saved)
      local blocks = restore(read_html(pandoc.write(pandoc.Pandoc(hidden), "html")), saved)
      for _, el in ipairs(inline and as_inlines(blocks) or blocks) do out[#out + 1] = el end
      i = j + 1
    else
      out[#out + 1] = list[i]
      i = i + 1
    end
  end
  return out
end

-- A table read from HTML has no column widths: LaTeX sets it at its natural width, and
-- a wide DataFrame runs off the page (its right columns lost). One wider than a line
-- gets widths by its longest cell per column, so text wraps, and a smaller font.
local LINE_CHARS, MAX_CELL_CHARS = 75, 40
-- Characters a line holds at each size (12pt text: 10, 8, 6pt), the smallest last.
local SIZES = { { 90, "\\footnotesize" }, { 112, "\\scriptsize" }, { math.huge, "\\tiny" } }

local function column_lengths(tbl)
  local lengths = {}
  for i = 1, #tbl.colspecs do lengths[i] = 1 end
  local function measure(rows)
    for _, row in ipairs(rows) do
      local column = 1
      for _, cell in ipairs(row.cells) do
        local text = pandoc.utils.stringify(cell.contents)
        local length = utf8.len(text) or #text
        if cell.col_span == 1 and column <= #lengths then
          lengths[column] = math.max(lengths[column], length)
        end
        column = column + cell.col_span
      end
    end
  end
  measure(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    measure(body.head)
    measure(body.body)
  end
  return lengths
end

local function fit(tbl)
  for _, spec in ipairs(tbl.colspecs) do
    if spec[2] ~= nil then return nil end -- the author gave widths
  end
  local lengths, total, capped = column_lengths(tbl), 0, 0
  for _, length in ipairs(lengths) do
    total = total + length + 2
    capped = capped + math.min(length, MAX_CELL_CHARS) + 2
  end
  if total <= LINE_CHARS then return nil end
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], (math.min(lengths[i], MAX_CELL_CHARS) + 2) / capped }
  end
  local size = SIZES[#SIZES][2]
  for _, candidate in ipairs(SIZES) do
    if capped <= candidate[1] then size = candidate[2]; break end
  end
  return { pandoc.RawBlock("latex", "\\begingroup" .. size), tbl,
           pandoc.RawBlock("latex", "\\endgroup") }
end

local function caption_table(doc)
  local caption = doc.meta["table-caption"]
  if caption == nil then return doc end
  local text = pandoc.utils.stringify(caption)
  local done = false
  doc.blocks = doc.blocks:walk({
    Table = function(table)
      if done then return nil end
      done = true
      table.caption = { long = { pandoc.Plain(as_inlines(pandoc.read(text, "markdown").blocks)) } }
      table.attr = pandoc.Attr()
      return table
    end,
  })
  return doc
end

return {
  { Meta = function(meta) keep_embedded = meta["embedded-images"] ~= nil end },
  { Blocks = function(blocks) return convert(blocks, false) end,
    Inlines = function(inlines) return convert(inlines, true) end },
  drop,
  { Pandoc = caption_table },
  { Table = function(tbl)
      if FORMAT:match("latex") then return fit(tbl) end
    end },
}
