--[[
diff.lua -- pandoc Lua filter for `thesisbuild diff`: the change marks as LaTeX.

`thesisbuild diff` compares two versions of the thesis and marks what changed
with spans (and, around a code or raw block, divs) of the classes
`insertion` and `deletion`, the form pandoc's DOCX writer turns into Word's
tracked changes.  Here they become:
  * words (Str, Space): \thesisinsertion{...} (coloured, underlined) and
    \thesisdeletion{...} (coloured, struck) -- ulem's \uline and \sout take
    plain words only, so nothing else ever goes inside them;
  * a formula, citation, link, inline code: coloured only;
  * an image: a coloured frame;
  * emphasis, quotes: their words marked inside;
  * a deleted raw LaTeX snippet: shown as code (it is not run);
  * in a heading the words go through \texorpdfstring (bookmarks get the
    new text);
  * a marked code block: a bar in the mark's colour down its left side;
  * another marked div: its blocks coloured (\color ... \normalcolor, no
    group, so a raw block that opens an environment still builds).
The commands and colours are defined in the preamble `thesisbuild diff`
writes.  Run after todo.lua and crossref.lua, before citeproc.
]]

local KINDS = { insertion = true, deletion = true }
local WORDS = { Str = true, Space = true, SoftBreak = true }
local CONTAINERS = {
  Emph = true, Strong = true, Underline = true, Strikeout = true, SmallCaps = true,
  Quoted = true, Span = true, Superscript = true, Subscript = true,
}

local function kind_of(el)
  for _, class in ipairs(el.classes or {}) do
    if KINDS[class] then return class end
  end
  return nil
end

local function latex(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), 'latex')
  return (out:gsub('^%s+', ''):gsub('%s+$', ''):gsub('\n', ' '))
end

local function raw(text) return pandoc.RawInline('latex', text) end

local marked -- forward

-- the run's words in the mark's command; a space at either end stays outside it (the
-- command's argument would lose it)
local function words(run, kind, in_heading, out)
  local first, last = 1, #run
  while first <= last and run[first].t == 'Space' do first = first + 1 end
  while last >= first and run[last].t == 'Space' do last = last - 1 end
  if first > 1 then out:insert(pandoc.Space()) end
  if first <= last then
    local text = latex(pandoc.Inlines({ table.unpack(run, first, last) }))
    local body = '\\thesis' .. kind .. '{' .. text .. '}'
    if in_heading then
      local plain = kind == 'insertion' and text or ''
      body = '\\texorpdfstring{' .. body .. '}{' .. plain .. '}'
    end
    out:insert(raw(body))
  end
  if last < #run then out:insert(pandoc.Space()) end
end

local function element(el, kind, in_heading, out)
  local t = el.t
  if CONTAINERS[t] and el.content then
    el.content = marked(el.content, kind, in_heading)
    out:insert(el)
  elseif t == 'Image' then
    out:extend({ raw('\\thesis' .. kind .. 'frame{'), el, raw('}') })
  elseif t == 'Note' then
    out:insert(el) -- its text is marked already
  elseif t == 'RawInline' and kind == 'deletion' then
    out:extend({ raw('{\\color{thesis' .. kind .. '}'), pandoc.Code(el.text), raw('}') })
  elseif t == 'RawInline' then
    out:insert(el)
  else
    out:extend({ raw('{\\color{thesis' .. kind .. '}'), el, raw('}') })
  end
end

function marked(inlines, kind, in_heading)
  local out, run = pandoc.Inlines({}), pandoc.Inlines({})
  local function flush()
    if #run > 0 then
      words(run, kind, in_heading, out)
      run = pandoc.Inlines({})
    end
  end
  for _, el in ipairs(inlines) do
    if WORDS[el.t] then
      run:insert(el.t == 'SoftBreak' and pandoc.Space() or el)
    else
      flush()
      element(el, kind, in_heading, out)
    end
  end
  flush()
  return out
end

-- an insertion right after a deletion ("alt" struck, "neu" underlined) is set a
-- space apart, so the two words do not read as one
local function spans_in(inlines, in_heading)
  local out = pandoc.Inlines({})
  local previous = nil
  for _, el in ipairs(inlines) do
    local kind = el.t == 'Span' and kind_of(el)
    if kind == 'insertion' and previous == 'deletion' then
      out:insert(pandoc.Space())
    end
    if kind then
      out:extend(marked(el.content, kind, in_heading))
    else
      out:insert(el)
    end
    previous = kind
  end
  return out
end

return {
  {
    Header = function(header)
      header.content = spans_in(header.content, true)
      return header
    end,
  },
  {
    Inlines = function(inlines) return spans_in(inlines, false) end,
    Div = function(div)
      local kind = kind_of(div)
      if not kind then return nil end
      if #div.content == 1 and div.content[1].t == 'CodeBlock' then
        return {
          pandoc.RawBlock('latex', '\\begin{thesischangedcode}{thesis' .. kind .. '}'),
          div.content[1],
          pandoc.RawBlock('latex', '\\end{thesischangedcode}'),
        }
      end
      local blocks = pandoc.Blocks({ pandoc.RawBlock('latex', '\\color{thesis' .. kind .. '}') })
      blocks:extend(div.content)
      blocks:insert(pandoc.RawBlock('latex', '\\normalcolor'))
      return blocks
    end,
  },
}
