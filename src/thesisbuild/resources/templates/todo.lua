--[[
todo.lua -- pandoc Lua filter for thesisbuild todo markers.

The build turns each `[todo ...]` marker of the manuscript into
  * a span  `[...]{.todo}`   (marker within one paragraph), or
  * a div   `::: todo ... :::` (marker spanning several paragraphs).

draft = true (metadata, bool or "true"/"yes"/"1"):
  * `.todo` span directly in a normal paragraph (also inside emphasis,
    strong, quotes, small caps, ...; paragraphs in the body, in lists, in
    block quotes and plain divs):
      - text <= 60 characters  ->  \todo[size=\scriptsize]{...}  (margin)
      - longer                 ->  \todo[inline]{...}
  * `.todo` span anywhere else (table cell, caption, heading, tight list
    item `Plain`, footnote, link text, inside a todo box, line block ...):
      -> \textcolor{red}{[...]}  (in headings wrapped in \texorpdfstring)
  * `.todo` div -> \begin{thesistodo} ... \end{thesistodo} (a breakable box
    defined by templates/thesis.latex; holds several paragraphs, code,
    URLs).  Its blocks stay pandoc blocks, so the LaTeX writer escapes them.
  Span content is rendered to LaTeX with pandoc.write (so _ # % & ~ URLs
  etc. are escaped as pandoc does).

draft unset/false:
  * spans and divs are kept as plain text in brackets: "[todo ...]"
    (the build refuses final builds with open todos anyway).

Also, unless the metadata says otherwise, sets `csquotes: true` (so that the
LaTeX writer emits \enquote{}: German quotes via csquotes, which
thesis.latex always loads) and `lang: de-DE` (German babel and citeproc
terms; run this filter before --citeproc on the command line).
]]

local MARGIN_MAX = 60

local function is_true(v)
  if v == nil then return false end
  local t = pandoc.utils.type(v)
  if t == 'boolean' then return v end
  local s = pandoc.utils.stringify(v):lower()
  return s == 'true' or s == 'yes' or s == 'on' or s == '1'
end

local function has_class(el, cls)
  if not el.classes then return false end
  for _, c in ipairs(el.classes) do
    if c == cls then return true end
  end
  return false
end

local function is_todo(el) return has_class(el, 'todo') end

-- LaTeX for a list of inlines, rendered by pandoc's own LaTeX writer
local function inlines_to_latex(inlines)
  local doc = pandoc.Pandoc({ pandoc.Plain(inlines) })
  local out = pandoc.write(doc, 'latex')
  out = out:gsub('^%s+', ''):gsub('%s+$', '')
  -- a paragraph break inside a margin note would be fatal: use \newline
  out = out:gsub('\n%s*\n', ' \\newline ')
  return out
end

local function strip_todo_word(inlines)
  -- "[todo Text]" may arrive with or without the leading word "todo"
  local list = pandoc.Inlines(inlines)
  if #list > 0 and list[1].t == 'Str' and list[1].text:lower():match('^todo:?$') then
    list:remove(1)
    if #list > 0 and (list[1].t == 'Space' or list[1].t == 'SoftBreak') then
      list:remove(1)
    end
  end
  return list
end

---------------------------------------------------------------------------
-- draft rendering
---------------------------------------------------------------------------

local function margin_or_inline(span)
  local content = strip_todo_word(span.content)
  local text = pandoc.utils.stringify(content)
  local latex = inlines_to_latex(content)
  if utf8.len(text) and utf8.len(text) <= MARGIN_MAX then
    return pandoc.RawInline('latex', '\\todo[size=\\scriptsize]{' .. latex .. '}')
  else
    return pandoc.RawInline('latex', '\\todo[inline]{' .. latex .. '}')
  end
end

local function highlighted(span, in_heading)
  local content = strip_todo_word(span.content)
  local latex = '\\textcolor{red}{[' .. inlines_to_latex(content) .. ']}'
  if in_heading then
    local plain = inlines_to_latex({ pandoc.Str('[' .. pandoc.utils.stringify(content) .. ']') })
    latex = '\\texorpdfstring{' .. latex .. '}{' .. plain .. '}'
  end
  return pandoc.RawInline('latex', latex)
end

local process_blocks -- forward

-- inline containers whose todo spans still count as "in the paragraph"
local PARA_LEVEL = {
  Emph = true, Strong = true, Underline = true, Strikeout = true,
  SmallCaps = true, Quoted = true, Span = true, Superscript = false,
  Subscript = false,
}

-- mode: 'para' (margin/inline notes allowed) or 'restricted' (highlight)
local function process_inlines(inlines, mode, in_heading)
  local out = pandoc.Inlines({})
  for _, el in ipairs(inlines) do
    local t = el.t
    if t == 'Span' and is_todo(el) then
      if mode == 'para' then
        out:insert(margin_or_inline(el))
      else
        out:insert(highlighted(el, in_heading))
      end
    elseif t == 'Note' then
      el.content = process_blocks(el.content, 'restricted')
      out:insert(el)
    elseif el.content ~= nil and t ~= 'Code' and t ~= 'Math' and t ~= 'RawInline' then
      local sub = PARA_LEVEL[t] and mode or 'restricted'
      el.content = process_inlines(el.content, sub, in_heading)
      out:insert(el)
    else
      if t == 'Image' then
        el.caption = process_inlines(el.caption, 'restricted', in_heading)
      end
      out:insert(el)
    end
  end
  return out
end

local function process_caption(caption)
  if caption == nil then return caption end
  if caption.long then
    caption.long = process_blocks(caption.long, 'restricted')
  end
  if caption.short then
    caption.short = process_inlines(caption.short, 'restricted')
  end
  return caption
end

local function process_table(tbl)
  tbl.caption = process_caption(tbl.caption)
  local function rows(rs)
    for _, row in ipairs(rs) do
      for _, cell in ipairs(row.cells) do
        cell.contents = process_blocks(cell.contents, 'restricted')
      end
    end
  end
  rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    rows(body.head)
    rows(body.body)
  end
  rows(tbl.foot.rows)
  return tbl
end

local function is_restricted_div(div)
  return has_class(div, 'columns') or has_class(div, 'column')
end

-- mode: 'normal' (paragraphs may get margin notes) or 'restricted'
function process_blocks(blocks, mode)
  local out = pandoc.Blocks({})
  for _, b in ipairs(blocks) do
    local t = b.t
    if t == 'Para' then
      b.content = process_inlines(b.content, mode == 'normal' and 'para' or 'restricted')
      out:insert(b)
    elseif t == 'Plain' then
      b.content = process_inlines(b.content, 'restricted')
      out:insert(b)
    elseif t == 'Header' then
      b.content = process_inlines(b.content, 'restricted', true)
      out:insert(b)
    elseif t == 'Div' and is_todo(b) then
      out:insert(pandoc.RawBlock('latex', '\\begin{thesistodo}'))
      out:extend(process_blocks(b.content, 'restricted'))
      out:insert(pandoc.RawBlock('latex', '\\end{thesistodo}'))
    elseif t == 'Div' then
      b.content = process_blocks(b.content, is_restricted_div(b) and 'restricted' or mode)
      out:insert(b)
    elseif t == 'BlockQuote' then
      b.content = process_blocks(b.content, mode)
      out:insert(b)
    elseif t == 'BulletList' or t == 'OrderedList' then
      for i, item in ipairs(b.content) do
        b.content[i] = process_blocks(item, mode)
      end
      out:insert(b)
    elseif t == 'DefinitionList' then
      for i, item in ipairs(b.content) do
        local term, defs = item[1], item[2]
        term = process_inlines(term, 'restricted')
        for j, d in ipairs(defs) do
          defs[j] = process_blocks(d, mode)
        end
        b.content[i] = { term, defs }
      end
      out:insert(b)
    elseif t == 'LineBlock' then
      for i, line in ipairs(b.content) do
        b.content[i] = process_inlines(line, 'restricted')
      end
      out:insert(b)
    elseif t == 'Table' then
      out:insert(process_table(b))
    elseif t == 'Figure' then
      b.caption = process_caption(b.caption)
      b.content = process_blocks(b.content, 'restricted')
      out:insert(b)
    else
      out:insert(b)
    end
  end
  return out
end

---------------------------------------------------------------------------
-- final (non-draft) rendering: "[todo ...]" as plain text
---------------------------------------------------------------------------

local function bracketed_inlines(content)
  local list = strip_todo_word(content)
  local res = pandoc.Inlines({ pandoc.Str('[todo'), pandoc.Space() })
  res:extend(list)
  res:insert(pandoc.Str(']'))
  return res
end

local final_filter = {
  Span = function(span)
    if is_todo(span) then
      return bracketed_inlines(span.content)
    end
  end,
  Div = function(div)
    if not is_todo(div) then return nil end
    local blocks = div.content
    local first = blocks[1]
    if first and (first.t == 'Para' or first.t == 'Plain') then
      local c = strip_todo_word(first.content)
      c:insert(1, pandoc.Space())
      c:insert(1, pandoc.Str('[todo'))
      first.content = c
    else
      blocks:insert(1, pandoc.Para({ pandoc.Str('[todo') }))
    end
    local last = blocks[#blocks]
    if last.t == 'Para' or last.t == 'Plain' then
      last.content:insert(pandoc.Str(']'))
    else
      blocks:insert(pandoc.Para({ pandoc.Str(']') }))
    end
    return blocks
  end,
}

---------------------------------------------------------------------------

function Pandoc(doc)
  if doc.meta.csquotes == nil then
    doc.meta.csquotes = true
  end
  if doc.meta.lang == nil then
    doc.meta.lang = 'de-DE' -- German citeproc terms and babel, if unset
  end
  if is_true(doc.meta.draft) then
    doc.blocks = process_blocks(doc.blocks, 'normal')
    return doc
  end
  return doc:walk(final_filter)
end
