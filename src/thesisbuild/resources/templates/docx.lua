--[[
docx.lua -- what the Word copy of the thesis (`thesisbuild docx`) needs beyond
crossref.lua, which numbers figures, tables and headings for it.

  * A title page from the metadata the build writes from thesis.yaml, in the
    PDF's order: logo, university, faculty, title, subtitle, thesis type,
    degree, company, then author, matriculation number, reviewers and date with
    their labels from the strings table (and the draft label in a draft),
    then a page break.  pandoc's own title block is left out: its order is
    fixed (title, subtitle, author, date) and it would stand after the page.
  * PDF images, which Word cannot show, replaced by their PNG renderings
    (metadata `docx-images`: source → PNG, made by word/figures.py).
  * Word's table of contents (a field Word fills) where the PDF has its own,
    after the front matter (the build's `\thesismainmatter`).
  * Todos, the `[…]{.todo}` spans and `::: todo` divs the build makes of
    `[todo …]` markers: in a draft (metadata `draft`) each becomes a Word
    comment by "thesisbuild" holding the todo's text, anchored where the todo
    stood (a todo of several paragraphs: at the end of the paragraph before
    it); otherwise "[todo …]" as text (a final build refuses open todos).

Run it after crossref.lua and before citeproc.
]]

local AUTHOR = 'thesisbuild'
local stringify = pandoc.utils.stringify

local function is_true(v)
  if v == nil then return false end
  if pandoc.utils.type(v) == 'boolean' then return v end
  local s = stringify(v):lower()
  return s == 'true' or s == 'yes' or s == 'on' or s == '1'
end

-- "[todo Text]" may arrive with or without the leading word "todo"
local function strip_todo_word(inlines)
  local list = pandoc.Inlines(inlines)
  if #list > 0 and list[1].t == 'Str' and list[1].text:lower():match('^todo:?$') then
    list:remove(1)
    if #list > 0 and (list[1].t == 'Space' or list[1].t == 'SoftBreak') then list:remove(1) end
  end
  return list
end

---------------------------------------------------------------------------
-- todos
---------------------------------------------------------------------------

local comments = 0
local comment_date = os.date('!%Y-%m-%dT%H:%M:%SZ')

-- a point comment: pandoc's docx writer makes a comment of the start span's content
local function comment(inlines)
  comments = comments + 1
  local id = tostring(comments - 1)
  local start = { { 'id', id }, { 'author', AUTHOR }, { 'date', comment_date } }
  return pandoc.Inlines({
    pandoc.Span(inlines, pandoc.Attr('', { 'comment-start' }, start)),
    pandoc.Span({}, pandoc.Attr('', { 'comment-end' }, { id = id })),
  })
end

local function bracketed(inlines)
  local out = pandoc.Inlines({ pandoc.Str('[todo'), pandoc.Space() })
  out:extend(inlines)
  out:insert(pandoc.Str(']'))
  return out
end

local function div_text(div)
  local first = div.content[1]
  if first and (first.t == 'Para' or first.t == 'Plain') then
    first.content = strip_todo_word(first.content)
  end
  return pandoc.utils.blocks_to_inlines(div.content, { pandoc.LineBreak() })
end

local function todo_filter(draft)
  local mark = draft and comment or bracketed
  return {
    Span = function(span)
      if span.classes:includes('todo') then return mark(strip_todo_word(span.content)) end
    end,
    Blocks = function(blocks)
      local out = pandoc.Blocks({})
      for _, block in ipairs(blocks) do
        local last = out[#out]
        if block.t ~= 'Div' or not block.classes:includes('todo') then
          out:insert(block)
        elseif draft and last and last.t == 'Para' then
          last.content:extend(mark(div_text(block)))
        else
          out:insert(pandoc.Para(mark(div_text(block))))
        end
      end
      return out
    end,
  }
end

---------------------------------------------------------------------------
-- the title page
---------------------------------------------------------------------------

local function styled(style, inlines)
  local attr = pandoc.Attr('', {}, { ['custom-style'] = style })
  return pandoc.Div({ pandoc.Para(inlines) }, attr)
end

-- "vorgelegt von: Erika Musterfrau": the label from the strings table
local function labelled(words, key, value)
  local line = pandoc.Inlines({ pandoc.Str(stringify(words[key] or key)), pandoc.Space() })
  line:extend(pandoc.Inlines(value))
  return styled('Author', line)
end

-- the logo is raw LaTeX holding its project path (assemble.py), the image for Word
local function logo(value)
  local raw = value and value[1]
  if not raw or raw.t ~= 'RawInline' then return nil end
  local image = pandoc.Image({}, raw.text, '', pandoc.Attr('', {}, { height = '2.5cm' }))
  return styled('Title', { image })
end

local REVIEWERS = { 'first-reviewer', 'second-reviewer' }

local PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

local function xml_text(text)
  return (text:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'))
end

-- Word's table of contents where the PDF prints its own (after the front matter): a
-- field Word fills when it updates fields (it offers to on opening), headings 1 to 3
-- as the PDF's tocdepth
local function contents(meta)
  local title = stringify((meta.strings or {}).contents or 'Contents')
  return pandoc.RawBlock('openxml', table.concat({
    '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>',
    '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>',
    '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">',
    xml_text(title), '</w:t></w:r></w:p>',
    '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
    '<w:r><w:instrText xml:space="preserve">TOC \\o "1-3" \\h \\z \\u</w:instrText></w:r>',
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    '</w:sdtContent></w:sdt>', PAGE_BREAK,
  }))
end

local function title_page(meta)
  local words = meta.strings or {}
  local page = pandoc.Blocks({})
  local function add(block) if block then page:insert(block) end end
  local function line(style, key)
    if meta[key] then add(styled(style, pandoc.Inlines(meta[key]))) end
  end
  local function field(word, key)
    if meta[key] then add(labelled(words, word, meta[key])) end
  end
  add(logo(meta.logo))
  line('Subtitle', 'university')
  line('Author', 'faculty')
  line('Title', 'title')
  line('Subtitle', 'subtitle')
  line('Subtitle', 'thesis-type')
  line('Author', 'degree')
  field('in-cooperation-with', 'company')
  field('submitted-by', 'author')
  field('matriculation-number', 'matriculation-number')
  for i, name in ipairs(meta.reviewers or {}) do
    add(labelled(words, REVIEWERS[i] or 'further-reviewers', name))
  end
  field('submission-date', 'date')
  if is_true(meta.draft) then line('Date', 'draft-label') end
  page:insert(pandoc.RawBlock('openxml', PAGE_BREAK))
  return page
end

---------------------------------------------------------------------------

function Pandoc(doc)
  local meta = doc.meta
  if meta['comment-date'] then comment_date = stringify(meta['comment-date']) end
  doc = doc:walk(todo_filter(is_true(meta.draft)))
  local pngs = meta['docx-images'] or {}
  doc = doc:walk({
    Image = function(image)
      local png = pngs[image.src]
      if png then image.src = stringify(png); return image end
    end,
  })
  doc = doc:walk({
    RawBlock = function(raw)
      if raw.format == 'latex' and raw.text:match('\\thesismainmatter') then
        return contents(meta)
      end
    end,
  })
  local body = title_page(meta)
  body:extend(doc.blocks)
  doc.blocks = body
  for _, key in ipairs({ 'title', 'subtitle', 'author', 'date' }) do doc.meta[key] = nil end
  return doc
end
