--[[
syntax.lua -- Quarto's blocks for thesisbuild (MyST's arrive rewritten into them by the
build, text/syntaxes.py). Run it before crossref.lua.

  ::: {.callout-note title="Title"}   a box titled "Title"; without a title, a heading
  ## Title                            at its start is the title (never a numbered
  ...                                 section), else the kind's word ("Hinweis", "Note")
  :::                                 -- note, tip, warning, important, caution
  ::: {#fig-pair layout-ncol=2}       subfigures: the figures inside get (a), (b), the
  ![A](a.png){#fig-pair-a}            last paragraph is the whole figure's caption;
  ![B](b.png){#fig-pair-b}            @fig-pair and @fig-pair-a both resolve
  Caption
  :::
  `\newpage`{=latex}                  ({{< pagebreak >}}) a page break in Word too

LaTeX gets `\begin{thesiscallout}{colour}{title}` (templates/pandoc.latex); other
output (docx) a bold title paragraph before the box's content.
]]

local KINDS = {
  note = 'blue!70!black', tip = 'green!50!black', warning = 'orange!90!black',
  important = 'red!75!black', caution = 'orange!80!red',
}
local LATEX = FORMAT:match('latex') ~= nil
local strings = {}
local has_callouts = false

local function kind_of(div)
  for _, class in ipairs(div.classes) do
    local kind = class:match('^callout%-(%a+)$')
    if kind and KINDS[kind] then return kind end
  end
  return nil
end

local function word(kind)
  local text = strings['callout-' .. kind]
  if text then return pandoc.Inlines(pandoc.utils.stringify(text)) end
  return pandoc.Inlines(kind:sub(1, 1):upper() .. kind:sub(2))
end

-- the title attribute, else a heading at the start (taken out), else the kind's word
local function title_of(div, kind)
  if div.attributes.title then
    return pandoc.utils.blocks_to_inlines(pandoc.read(div.attributes.title, 'markdown').blocks)
  end
  local first = div.content[1]
  if first and first.t == 'Header' then
    div.content:remove(1)
    return first.content
  end
  return word(kind)
end

local function latex(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), 'latex')
  return (out:gsub('^%s+', ''):gsub('%s+$', ''))
end

local function callout(div)
  local kind = kind_of(div)
  if not kind then return nil end
  local title = title_of(div, kind)
  if not LATEX then
    div.content:insert(1, pandoc.Para({ pandoc.Strong(title) }))
    return div
  end
  has_callouts = true
  local open = '\\begin{thesiscallout}{' .. KINDS[kind] .. '}{' .. latex(title) .. '}'
  local blocks = pandoc.Blocks({ pandoc.RawBlock('latex', open) })
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock('latex', '\\end{thesiscallout}'))
  return blocks
end

-- a paragraph that is a single image is a (sub)figure
local function as_figure(block)
  if block.t == 'Figure' then return block end
  if (block.t == 'Para' or block.t == 'Plain') and #block.content == 1
      and block.content[1].t == 'Image' then
    local image = block.content[1]
    local id = image.identifier
    image.identifier = ''
    return pandoc.Figure(pandoc.Plain({ image }), { pandoc.Plain(image.caption) }, pandoc.Attr(id))
  end
  return nil
end

-- `\caption{…}\label{id}` with the caption's inlines kept (crossref.lua resolves them)
local function caption_plain(inlines, id)
  local out = pandoc.Inlines({ pandoc.RawInline('latex', '\\caption{') })
  out:extend(inlines)
  out:insert(pandoc.RawInline('latex', '}\\label{' .. id .. '}'))
  return pandoc.Plain(out)
end

-- more subfigures than columns: pandoc's writer puts all in one row, so LaTeX is written
-- here, `layout-ncol` per row (crossref.lua finds the labels in it)
local function rows(figures, caption, id, columns)
  local width = string.format('%.3f', 0.95 / columns)
  local out = pandoc.Blocks({ pandoc.RawBlock('latex', '\\begin{figure}\n\\centering') })
  for n, figure in ipairs(figures) do
    out:insert(pandoc.RawBlock('latex', '\\begin{subfigure}[t]{' .. width .. '\\linewidth}\n\\centering'))
    out:extend(figure.content)
    local text = pandoc.utils.blocks_to_inlines(figure.caption.long)
    out:insert(caption_plain(text, figure.identifier))
    local after = (n % columns == 0) and '\\par\\medskip' or '\\hfill'
    out:insert(pandoc.RawBlock('latex', '\\end{subfigure}' .. (n == #figures and '' or after)))
  end
  out:insert(caption_plain(caption, id))
  out:insert(pandoc.RawBlock('latex', '\\end{figure}'))
  return out
end

local function subfigures(div)
  if not div.identifier:match('^fig%-') then return nil end
  local figures, caption = pandoc.Blocks({}), pandoc.Blocks({})
  for _, block in ipairs(div.content) do
    local figure = as_figure(block)
    if figure then figures:insert(figure) else caption:insert(block) end
  end
  if #figures == 0 then return nil end
  if #figures == 1 and #caption == 0 then
    figures[1].identifier = div.identifier
    return figures[1]
  end
  local text = pandoc.utils.blocks_to_inlines(caption)
  local columns = tonumber(div.attributes['layout-ncol'] or '') or #figures
  if LATEX and columns < #figures then return rows(figures, text, div.identifier, columns) end
  return pandoc.Figure(figures, { pandoc.Plain(text) }, pandoc.Attr(div.identifier))
end

-- `width=3in` (a cell's `#| fig-width: 3`, or written so): that width, at most the line
-- width, which pandoc's writer would not cap
local function capped_width(image)
  local width = image.attributes.width
  if not LATEX or not width or not width:match('^%d*%.?%d+%s*[a-z][a-z]$') then return nil end
  if width:match('%%') or width:match('px$') then return nil end
  local size = '\\dimexpr\\thesiscapped{' .. width .. '}\\relax'
  return pandoc.RawInline('latex',
    '\\includegraphics[width=' .. size .. ',height=\\textheight,keepaspectratio]{' .. image.src .. '}')
end

local function page_break(raw)
  if LATEX or raw.format ~= 'latex' or not raw.text:match('^\\newpage%s*$') then return nil end
  if FORMAT:match('docx') then
    return pandoc.RawInline('openxml', '<w:r><w:br w:type="page"/></w:r>')
  end
  return {}
end

function Pandoc(doc)
  strings = doc.meta.strings or {}
  doc = doc:walk({
    Div = function(div) return callout(div) or subfigures(div) end,
    RawInline = page_break,
    Image = capped_width,
  })
  -- the template loads tcolorbox (and with it TikZ) for callouts only
  if has_callouts then doc.meta['has-callouts'] = true end
  return doc
end
