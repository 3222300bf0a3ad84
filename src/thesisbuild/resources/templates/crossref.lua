--[[
crossref.lua -- Quarto-style cross-references for thesisbuild (LaTeX and Word).

Labels (the prefix says the kind):
  ![Caption](x.png){#fig-x}      figure (also `#| label: fig-x` on a cell)
  : Caption {#tbl-x}             table caption (also `#| label: tbl-x` +
                                 `#| tbl-cap:` on a cell: a div around its output)
  $$ ... $$ {#eq-x}              numbered display equation
  # Heading {#sec-x}             chapter or section
  ```{#lst-x .python lst-cap="Caption"}   listing with a caption above it
References: @fig-x -> "Abbildung 2.1" (linked), [-@fig-x] -> "2.1",
[@fig-x; @tbl-y] -> "Abbildung 2.1, Tabelle 2.2", [Abb. @fig-x] -> "Abb. 2.1".

LaTeX numbers everything (\ref*), so numbers match the captions and lists,
appendix chapters included.  For any other output (docx) this filter numbers
as the PDF does -- chapters 1, 2, …, appendix chapters A, B, …, sections to
the fourth level, captioned figures, tables and listings and labelled
equations per chapter (2.1) -- writes "Abbildung 2.1: " before each caption,
puts the numbers on the headings (pandoc's `number` attribute, which
--number-sections prints) and resolves references to those numbers as links.

Every cite whose key starts with a reference
prefix is taken here, before citeproc sees it: a reference never becomes a
"citation not found".  An unknown label is printed in bold as `?@fig-x` and
reported as the warning "thesisbuild: unknown cross-reference @fig-x", which
the build reports at the chapter line.  Sets `has-listings`, `listing-name`
and `listings-title` for the template when the document has listings, and
`has-figures`, `has-tables` when it has captioned figures or tables, and
`has-math` when it has math (a Math element or raw LaTeX that sets math).

pandoc-crossref's `@fig:x` / `{#fig:x}` and MyST's roles and directives reach this
filter already in the forms above (the build rewrites them, text/syntaxes.py);
syntax.lua, run before it, makes Quarto's subfigures nested figures: `@fig-x-a`
prints "Abbildung 2.1a".

Run it before citeproc.
]]

-- The words are the thesis' strings table (metadata `strings`, which the
-- build sets from templates/strings/<language>.yaml); pandoc run by hand
-- reads the packaged table next to this file.
local NAMES = {
  fig = 'figure', tbl = 'table', eq = 'equation', sec = 'section',
  chapter = 'chapter', appendix = 'appendix', lst = 'listing',
  listings = 'list-of-listings',
}

local function packaged_strings(lang)
  local dir = PANDOC_SCRIPT_FILE:match('^(.*)[/\\]') or '.'
  local path = dir .. '/strings/' .. lang .. '.yaml'
  local file = io.open(path) or io.open(dir .. '/strings/de.yaml')
  if not file then error('crossref.lua: no strings table ' .. path) end
  local text = file:read('a')
  file:close()
  return pandoc.read('---\n' .. text .. '\n---\n', 'markdown').meta
end

local function words_for(meta)
  local lang = meta.lang and pandoc.utils.stringify(meta.lang):sub(1, 2) or 'de'
  local strings = meta.strings or packaged_strings(lang)
  local found = {}
  for short, name in pairs(NAMES) do
    found[short] = pandoc.utils.stringify(strings[name] or name)
  end
  return found
end
local KINDS = { fig = true, tbl = true, eq = true, sec = true, lst = true }
local LATEX = FORMAT:match('latex') ~= nil  -- else numbered here (docx)
local NBSP = '\u{00A0}'
local EQ_LABEL = '^{#(eq%-[^}%s]+)}$'

local labels = {}  -- label -> { kind, level, appendix, unnumbered, title }
local words = {}

local function kind_of(id)
  local prefix = id:match('^(%a+)%-')
  if prefix and KINDS[prefix:lower()] then return prefix:lower() end
  return nil
end

local function latex(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), 'latex')
  return (out:gsub('^%s+', ''):gsub('%s+$', ''))
end

local function remember(id, entry)
  if labels[id] == nil then labels[id] = entry end
end

---------------------------------------------------------------------------
-- labels: collected in document order (the appendix starts at \thesisappendix)
---------------------------------------------------------------------------

local in_appendix = false

-- `$$ x $$ {#eq-x}`: the label goes into the math; thesis.latex numbers a
-- display that holds a \label.
local function label_equations(inlines)
  local out = pandoc.Inlines({})
  local i = 1
  while i <= #inlines do
    local el = inlines[i]
    out:insert(el)
    if el.t == 'Span' then -- a changed formula, marked by `thesisbuild diff`
      el.content = label_equations(el.content)
    end
    if el.t == 'Math' and el.mathtype == 'DisplayMath' then
      local j = i + 1
      while inlines[j] and (inlines[j].t == 'Space' or inlines[j].t == 'SoftBreak') do
        j = j + 1
      end
      local id = inlines[j] and inlines[j].t == 'Str' and inlines[j].text:match(EQ_LABEL)
      if id then
        if LATEX then
          el.text = el.text .. '\\label{' .. id .. '}'
        else  -- numbered later (number_everything): the span carries the label
          out[#out] = pandoc.Span({ el }, pandoc.Attr(id, { 'equation' }))
        end
        remember(id, { kind = 'eq' })
        i = j
      end
    end
    i = i + 1
  end
  return out
end

-- the output of a `#| label: tbl-x` cell: the div's id and caption go to its table
local function table_div(div)
  local id = div.identifier
  if kind_of(id) ~= 'tbl' then return nil end
  local caption = div.attributes['tbl-cap']
  local found = false
  div.content = div.content:walk({
    Table = function(tbl)
      if found then return nil end
      found = true
      tbl.identifier = id
      if caption and #tbl.caption.long == 0 then
        tbl.caption.long = pandoc.read(caption, 'markdown').blocks
      end
      return tbl
    end,
  })
  if not found then return nil end
  remember(id, { kind = 'tbl' })
  return div.content
end

local function listing(block)
  local id = block.identifier
  remember(id, { kind = 'lst' })
  local caption = block.attributes['lst-cap'] or ''
  block.identifier = ''
  block.attributes['lst-cap'] = nil
  local text = pandoc.utils.blocks_to_inlines(pandoc.read(caption, 'markdown').blocks)
  if not LATEX then  -- numbered later (number_everything): caption above the code
    local style = pandoc.Attr('', {}, { ['custom-style'] = 'Caption' })
    local head = pandoc.Div({ pandoc.Plain(text) }, style)
    return pandoc.Div({ head, block }, pandoc.Attr(id, { 'listing' }))
  end
  -- the caption stays inlines, so a reference in it is resolved like any other
  local head = pandoc.Inlines({ pandoc.RawInline('latex', '\\thesislisting{') })
  head:extend(text)
  head:insert(pandoc.RawInline('latex', '}{' .. id .. '}'))
  return { pandoc.Plain(head), block }
end

-- pandoc makes a figure only of a captioned image; a labelled one without a
-- caption (`#| label: fig-x` and no fig-cap) is numbered all the same
local function uncaptioned_figure(para)
  local image = para.content[1]
  if #para.content ~= 1 or image.t ~= 'Image' or kind_of(image.identifier) ~= 'fig' then
    return nil
  end
  local id = image.identifier
  image.identifier = ''
  remember(id, { kind = 'fig' })
  return pandoc.Figure(pandoc.Plain({ image }), {}, pandoc.Attr(id))
end

-- subfigures in rows (syntax.lua writes their LaTeX)
local function raw_labels(raw)
  for id in raw.text:gmatch('\\label{(fig%-[^}]+)}') do remember(id, { kind = 'fig' }) end
end

local collect = {
  traverse = 'topdown',
  RawBlock = function(raw)
    if raw.text:match('\\thesisappendix') then in_appendix = true end
  end,
  RawInline = raw_labels,
  Header = function(h)
    if kind_of(h.identifier) == 'sec' then
      remember(h.identifier, {
        kind = 'sec', level = h.level, appendix = in_appendix,
        unnumbered = h.classes:includes('unnumbered'), title = h.content,
      })
    end
  end,
  Figure = function(fig)
    if kind_of(fig.identifier) == 'fig' then remember(fig.identifier, { kind = 'fig' }) end
  end,
  Table = function(tbl)
    if kind_of(tbl.identifier) == 'tbl' then remember(tbl.identifier, { kind = 'tbl' }) end
  end,
  Div = table_div,
  CodeBlock = function(block)
    if kind_of(block.identifier) == 'lst' then return listing(block) end
  end,
  Para = function(para)
    local figure = uncaptioned_figure(para)
    if figure then return figure end
    para.content = label_equations(para.content)
    return para
  end,
  Plain = function(plain) plain.content = label_equations(plain.content); return plain end,
}

---------------------------------------------------------------------------
-- numbers for output other than LaTeX (docx), counted as the PDF counts them
---------------------------------------------------------------------------

local SECNUMDEPTH = 4  -- chapter to subsubsection, as layout.latex's secnumdepth 3
local count = { appendix = false, chapter = 0, sections = {}, fig = 0, tbl = 0, eq = 0, lst = 0 }

local function chapter_number()
  if count.appendix then return string.char(64 + count.chapter) end  -- A, B, …
  return tostring(count.chapter)
end

local function next_number(kind, id)
  count[kind] = count[kind] + 1
  local number = chapter_number() .. '.' .. count[kind]
  if kind_of(id) == kind and labels[id] then labels[id].number = number end
  return number
end

local function number_header(h)
  if h.classes:includes('unnumbered') then return nil end
  if h.level > SECNUMDEPTH then h.classes:insert('unnumbered'); return h end
  if h.level == 1 then
    count.chapter = count.chapter + 1
    count.fig, count.tbl, count.eq, count.lst = 0, 0, 0, 0
  end
  count.sections[h.level] = (count.sections[h.level] or 0) + 1
  for deeper = h.level + 1, SECNUMDEPTH do count.sections[deeper] = 0 end
  local parts = { chapter_number() }
  for level = 2, h.level do parts[#parts + 1] = tostring(count.sections[level] or 0) end
  h.attributes.number = table.concat(parts, '.')  -- pandoc's docx writer prints it
  if labels[h.identifier] then labels[h.identifier].number = h.attributes.number end
  return h
end

-- "Abbildung 2.1: " before the caption's first line
local function prefixed(blocks, kind, number)
  local label = pandoc.Inlines({ pandoc.Str(words[kind] .. NBSP .. number) })
  local first = blocks[1]
  if first and (first.t == 'Plain' or first.t == 'Para') then
    label:extend({ pandoc.Str(':'), pandoc.Space() })
    first.content = label .. first.content
  else
    blocks:insert(1, pandoc.Plain(label))
  end
  return blocks
end

local function number_captioned(kind)
  return function(el)
    if #el.caption.long == 0 and kind_of(el.identifier) ~= kind then return nil end
    local number = next_number(kind, el.identifier)
    el.caption.long = prefixed(el.caption.long, kind, number)
    return el
  end
end

-- subfigures (syntax.lua): the whole figure numbered, each part (a), (b), … its number
-- with the letter, as LaTeX's subcaption prints them; not numbered as figures of their own
local function number_figure(fig)
  local parts = pandoc.List({})
  for _, block in ipairs(fig.content) do
    if block.t == 'Figure' then parts:insert(block) end
  end
  local numbered = number_captioned('fig')(fig)
  if #parts == 0 then return numbered end
  local number = labels[fig.identifier] and labels[fig.identifier].number or ''
  for n, part in ipairs(parts) do
    local letter = string.char(96 + n)
    if labels[part.identifier] then labels[part.identifier].number = number .. letter end
    local first = part.caption.long[1]
    local mark = pandoc.Inlines({ pandoc.Str('(' .. letter .. ')'), pandoc.Space() })
    if first and (first.t == 'Plain' or first.t == 'Para') then
      first.content = mark .. first.content
    else
      part.caption.long:insert(1, pandoc.Plain(mark))
    end
  end
  return fig, false
end

local function number_listing(div)
  if not div.classes:includes('listing') then return nil end
  local caption = div.content[1]  -- the Caption div `listing` made
  caption.content = prefixed(caption.content, 'lst', next_number('lst', div.identifier))
  return div
end

local function number_equation(span)
  if not span.classes:includes('equation') then return nil end
  local number = next_number('eq', span.identifier)
  span.content[1].text = span.content[1].text .. '\\qquad(' .. number .. ')'
  return span
end

local function number_everything(doc)
  return doc:walk({
    traverse = 'topdown',
    RawBlock = function(raw)
      if raw.text:match('\\thesisappendix') then count.appendix, count.chapter = true, 0 end
    end,
    Header = number_header,
    Figure = number_figure,
    Table = number_captioned('tbl'),
    Div = number_listing,
    Span = number_equation,
  })
end

---------------------------------------------------------------------------
-- references
---------------------------------------------------------------------------

local function word_for(entry)
  if entry.kind == 'sec' and entry.level == 1 then
    return entry.appendix and words.appendix or words.chapter
  end
  return words[entry.kind]
end

local function reference_text(entry, id, cite)
  local number = '\\ref*{' .. id .. '}'
  if entry.kind == 'eq' then number = '(' .. number .. ')' end
  if entry.kind == 'sec' and entry.unnumbered then return latex(entry.title) end
  if cite.mode == 'SuppressAuthor' then return number end
  if #cite.prefix > 0 then return latex(cite.prefix) .. '~' .. number end
  return word_for(entry) .. '~' .. number
end

-- the same for other output: the number counted here, a link to the label
local function reference_inlines(entry, id, cite)
  local number = entry.number or '??'
  if entry.kind == 'eq' then number = '(' .. number .. ')' end
  local text = pandoc.Inlines({ pandoc.Str(word_for(entry) .. NBSP .. number) })
  if entry.kind == 'sec' and entry.unnumbered then
    text = pandoc.Inlines(entry.title):clone()
  elseif cite.mode == 'SuppressAuthor' then
    text = pandoc.Inlines({ pandoc.Str(number) })
  elseif #cite.prefix > 0 then
    text = cite.prefix .. pandoc.Inlines({ pandoc.Str(NBSP .. number) })
  end
  return pandoc.Inlines({ pandoc.Link(text, '#' .. id) })
end

local function reference(cite)
  local id = cite.id:sub(1, 1):lower() .. cite.id:sub(2)  -- @Fig-x as in Quarto
  local entry = labels[id]
  if entry == nil then
    pandoc.log.warn('thesisbuild: unknown cross-reference @' .. cite.id)
    return pandoc.Inlines({ pandoc.Strong({ pandoc.Str('?@' .. cite.id) }) })
  end
  local out
  if LATEX then
    local link = '\\hyperref[' .. id .. ']{' .. reference_text(entry, id, cite) .. '}'
    out = pandoc.Inlines({ pandoc.RawInline('latex', link) })
  else
    out = reference_inlines(entry, id, cite)
  end
  if #cite.suffix > 0 then out:extend(cite.suffix) end
  return out
end

local function resolve(cite)
  local out = pandoc.Inlines({})
  local others = pandoc.List({})
  for _, citation in ipairs(cite.citations) do
    if kind_of(citation.id) then
      if #out > 0 then out:extend({ pandoc.Str(','), pandoc.Space() }) end
      out:extend(reference(citation))
    else
      others:insert(citation)
    end
  end
  if #others == #cite.citations then return nil end
  if #others > 0 then
    out:extend({ pandoc.Space(), pandoc.Cite(pandoc.Inlines({}), others) })
  end
  return out
end

---------------------------------------------------------------------------

local function has_listings()
  for _, entry in pairs(labels) do
    if entry.kind == 'lst' then return true end
  end
  return false
end

-- Lists the template prints from the first LaTeX pass on, instead of after a pass that
-- notes their entries in the .aux (which costs a pass more); raw LaTeX figures still
-- reach their list that way.
local function captioned(doc)
  local found = {}
  doc:walk({
    Figure = function(fig) if #fig.caption.long > 0 then found.figures = true end end,
    Table = function(tbl) if #tbl.caption.long > 0 then found.tables = true end end,
  })
  return found
end

-- Math anywhere (a Math element, or raw LaTeX that sets math): only then does the
-- template load unicode-math, whose package code costs a third of a small thesis' pass.
local RAW_MATH = { '%$', '\\%(', '\\%[', '\\begin{equation', '\\begin{align',
  '\\begin{gather', '\\begin{multline', '\\begin{flalign', '\\begin{eqnarray',
  '\\begin{math}', '\\begin{displaymath}', '\\ensuremath' }

local function raw_math(raw)
  if raw.format ~= 'latex' and raw.format ~= 'tex' then return end
  for _, pattern in ipairs(RAW_MATH) do
    if raw.text:find(pattern) then return true end
  end
end

local function uses_math(doc)
  local found = false
  local function seen() found = true end
  local function raw(el) if raw_math(el) then found = true end end
  doc:walk({ Math = seen, RawInline = raw, RawBlock = raw })
  return found
end

function Pandoc(doc)
  words = words_for(doc.meta)
  doc = doc:walk(collect)
  if not LATEX then doc = number_everything(doc) end
  doc = doc:walk({ Cite = resolve })
  local lists = captioned(doc)
  if lists.figures then doc.meta['has-figures'] = true end
  if lists.tables then doc.meta['has-tables'] = true end
  if uses_math(doc) then doc.meta['has-math'] = true end
  if has_listings() then
    doc.meta['has-listings'] = true
    doc.meta['listing-name'] = words.lst
    doc.meta['listings-title'] = words.listings
  end
  return doc
end
