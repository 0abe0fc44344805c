"""The pair's own words in a topic, read for a question to carry them: the subject ("excel
formulas"), what they said after it ("a fake invoice from a supplier"), the partner's role at a
first meeting ("head of estates") and what a closing pair covered ("linkedin, then chatgpt").
Each returns "" when the words do not read as a phrase a question can quote."""

from __future__ import annotations

import re

from companion.guidance.schemas import FIRST_MEETING, says_last_session
from companion.injection import is_instruction_like

# Who a topic may be about: "my mentee", "our reverse mentor", "the boss".
PARTNER = r"(?:reverse\s+)?(?:mentee|mentor|boss|manager)"
# Words that join a topic's subject to what the pair says about it: "tiktok because …".
CONNECTORS = (
    r"because|bc|coz|cos|cuz|esp|especially|"
    # "tiktok mainly for recruitment", but not "a mostly older team"
    r"(?:mainly|mostly)(?=\s+(?:for|about|because|to|with|on|around|so)\b)"
)
TOPIC_TAIL = re.compile(
    # "…for the tenants association my mentee chairs": whose it is ends the subject
    rf"\s+(?:that\s+|which\s+)?(?:my|our)\s+{PARTNER}\s+(?:chairs|runs|leads|manages|set up|started|"
    r"founded|belongs to|is in|volunteers (?:at|for|with))\b.*$"
    rf"|\s*(?:[,;(?!]|\s+[-–—]+\s|\s+(?:{CONNECTORS})\s"
    r"|\s+to (?:a|an|my|our|his|her|their)\s+(?:\d+\w*|new|senior|junior|older)\b"
    r"|\blol\b|\bpls\b|\bplease\b|\.\s"
    # "chatgpt for my mentee, a solicitor…": who it is for is not the subject
    rf"|\s+for\s+(?:my|our)\s+{PARTNER}\b"
    # "excel but he gets overwhelmed by all the formulas": what happens with it is the detail
    r"|\s+but\s+(?=(?:he|she|they|i|it|my|our|the|his|her|their|we)\b)).*$",
    re.IGNORECASE,
)
TOPIC_LEAD = re.compile(
    # "helping my boss's boss get to grips with sharepoint" is about "sharepoint"
    r"^(?:how\s+(?:[\w'’]+\s+){0,3}can\s+help\s+(?:me|him|her|them|us)\s+(?:with|to)\s+)?"
    r"(?:help(?:ing)?\s+(?:my|our|the|a|an)\s+[\w'’]+(?:\s+[\w'’]+){0,3}?\s+(?:to\s+)?"
    r"(?:get to grips with|get the hang of|learn|use|understand|with)\s+)?"
    r"(?:(?:how (?:do|can|should|would) (?:i|we)|how to|help(?: me)?(?: with)?|ideas for|starters for|"
    r"what it'?s like(?: to be)?|what(?:'s| is) it like(?: to be)?)\s+)?"
    r"(?:(?:teach|teaching|show|showing|explain|explaining|get|getting)\s+"
    r"(?:(?:my mentee|my mentor|him|her|them|me|us)\s+(?:how to\s+|to\s+|about\s+|into\s+)?"
    # "teaching our head of estates to use chatgpt…"
    r"|(?:my|our|the)\s+(?:[\w'’]+\s+){1,4}?(?:how\s+to|to)\s+(?=[a-z]))?)?",
    re.IGNORECASE,
)
# "next sesh is on excel power query", "tmrw's session: canva", "this week - phishing": when and
# which session, not what it is about.
STAGE_LEAD = re.compile(
    r"^(?:an?\s+)?(?:sesh|session|workshop)\s+(?:on|about|re|covering)\s+|"  # "session on using AI to…"
    r"^(?:(?:next|this|our|the|my|tmrw'?s?|tomorrow'?s?|today'?s?|(?:mon|tues|wednes|thurs|fri)day'?s?|"
    r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|final)\s+)+"
    r"(?:(?:sesh|session|meeting|mtg|chat|call|one|1:1|121|catch[- ]?up|week)\s*)"
    # "2nd sesh w my mentee tmrw - …"
    rf"(?:(?:w|w/|with)\s+(?:my|our)\s+{PARTNER}\s*)?(?:(?:tmrw|tomorrow|today|on\s+\w+day)\s*)?"
    r"(?:(?:is|will be|'s|s|=)\s+)?(?:(?:on|about|re|covering|all about|going to be)\s+|[:\-–—]\s*)",
    re.IGNORECASE,
)
# "2nd sesh w my mentor, shes in payroll…", "session 3 with my mentee tmrw - …", "halfway through the
# programme, …": a clause that only says which session, closed by a comma or a dash, before what the
# session is about.
STAGE_CLAUSE = re.compile(
    r"^(?:(?:(?:next|this|our|the|my|final|last|closing|tmrw'?s?|tomorrow'?s?|today'?s?|"
    r"(?:mon|tues|wednes|thurs|fri)day'?s?|"
    r"\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth)\s+)+"
    r"(?:sesh|session|meeting|mtg|chat|call|1:1|121|catch[- ]?up)|(?:sesh|session|meeting|mtg)\s+\d+|"
    # "20 min slot thurs w my mentee (head of estates), wants…"
    r"(?:an?\s+)?\d+\s*-?\s*(?:min|mins|minutes?|hr|hrs|hours?)\s+(?:slot|sesh|session|meeting|mtg|chat|call)"
    r"(?:\s+(?:mon|tues?|weds?|thurs?|fri)\w*)?)\s*"
    # "with my mentee", "w/ our head of procurement"
    rf"(?:(?:w|w/|with)\s+(?:(?:my|our)\s+{PARTNER}|(?:my|our|the)\s+(?:[\w'&-]+\s+){{0,4}}?[\w'&-]+)\s*)?"
    # ("2nd session w my mentor (grad, works in payroll). she wants…": who, in brackets, then a full stop)
    r"(?:(?:tmrw|tomorrow|today|tonight|next week|this week|on\s+\w+day)\s*)?(?:\([^()]*\)\s*)?"
    r"(?:,|:|;|\.|\s[-–—]+)\s+(?=\S)"
    r"|^(?:half|mid)\s*-?\s*way(?:\s+(?:through|thru|point|in))?"  # "mid way thru w my mentee, …"
    r"(?:\s+(?:the|our|of the)\s+(?:programme|program|scheme|mentoring))?"
    rf"(?:\s+(?:w|w/|with)\s+(?:my|our)\s+{PARTNER})?"
    r"\s*(?:,|:|;|\s[-–—]+)\s+(?=\S)",
    re.IGNORECASE,
)
# "want to ask how she uses excel", "ask my mentor how he runs his inbox": what they do is the
# subject, after the verb.
ASK_HOW = re.compile(
    r"^(?:(?:i\s+)?(?:want|wanna|would like|'d like|need)\s+(?:to\s+)?)?(?:ask|find out|see|learn)\s+"
    rf"(?:(?:my|our)\s+{PARTNER}\s+|her\s+|him\s+|them\s+)?how\s+(?:she|he|they|you)\s+"
    r"(?:actually\s+|really\s+)?(?:uses?|does|do|handles?|manages?|runs?|organises?|organizes?|sets?\s+up)\s+",
    re.IGNORECASE,
)
# "how my mentee can use linkedin to recruit grads" is about using linkedin to recruit grads.
HOW_PERSON_CAN = re.compile(
    rf"^how\s+(?:(?:my|our)\s+{PARTNER}|she|he|they|we|i)\s+(?:can|could|should|might|would|could\s+start\s+to)\s+(?=\w)",
    re.IGNORECASE,
)
# "excel day to day": how often is not part of the subject.
HOW_OFTEN = re.compile(
    r"\s+(?:day[- ]to[- ]day|every\s*day|daily|these days|in (?:her|his|their) job|"
    # when the session is: "spotify playlists for my spin class next week"
    r"(?:next|this|last)\s+(?:week|month|time|session|sesh)|next|tomorrow|tmrw|today|tonight|on\s+\w+day)$",
    re.I,
)
SHOW_HOW = re.compile(
    r"^(?:(?:could|can|would|will)\s+you\s+)?(?:please\s+)?(?:show|teach|tell)\s+(?:me|us|him|her|them)\s+"
    r"how\s+(?:to\s+|you\s+|(?:she|he|they|i)\s+\w+\s+)?",
    re.IGNORECASE,
)
# "helping my mentor set up whatsapp communities" is about "set up whatsapp communities".
HELP_PARTNER = re.compile(
    r"^help(?:ing)?\s+(?:(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor|boss|manager)|her|him|them|"
    r"(?-i:[A-Z][a-z]+)(?:\s+from\s+[\w&]+)?)\s+(?:to\s+)?(?=[a-z])",
    re.IGNORECASE,
)
# "mentee is 58, runs a depot, and wants to learn…": a topic that opens by describing the person
# is about what they want to do.
ABOUT_A_PERSON = re.compile(rf"^(?:(?:(?:my|our)\s+)?{PARTNER}|(?:she|he)(?:'s|s)?|they)\b", re.IGNORECASE)
HELP_LEAD = re.compile(r"^(?:some\s+)?help\s+(?:with\s+|to\s+|on\s+)?", re.IGNORECASE)
TOPIC_WORDS = 10
NOT_WORDS = re.compile(r"[{}\[\]<>\"\\|=;`]")
PARENTHESES = re.compile(r"\s*\([^()]*\)")
PERSON_ONLY = re.compile(rf"(?:my|our|the)\s+{PARTNER}", re.IGNORECASE)
# In a long topic that describes the person first, what they want to do is the subject.
TOPIC_GOAL = re.compile(
    r"\b(?:(?:wants?|wanting|needs?|would like|'d like|is trying|trying|hopes?|wanna|(?:is |'s )?going|"
    r"gonna|offered|promised|(?:is\s+|'s\s+)?learning(?:\s+how)?)\s+(?:to\s+)?|"
    r"(?:(?:has|have|'s|'ve)\s+been\s+|was\s+|got\s+)?asked\s+to\s+|"
    r"(?:is\s+)?keen\s+(?:to|on)\s+)",
    re.IGNORECASE,
)
LEARN_TO = re.compile(
    # "learn to edit video", and "learn instagram" or "get into podcasts", which are about the thing
    r"^(?:(?:me|us)\s+to\s+(?=learn|get|start|begin|understand))?"
    r"(?:(?:learn(?:ing)?|start(?:ing)?|begin(?:ning)?)\s+(?:how\s+)?to\s+|"
    r"(?:(?:learn(?:ing)?|get(?:ting)?\s+into)\s+(?:more\s+)?(?:about\s+)?|understand(?:ing)?\s+(?:more\s+)?about\s+)"
    r"(?!(?:to|how|why|what|who|when|where|which)\b))",
    re.IGNORECASE,
)
# "get better at online banking", "more confident with excel": the skill is what follows.
BETTER_AT = re.compile(
    r"^(?:get(?:ting)?\s+|feel(?:ing)?\s+|be(?:ing)?\s+|become\s+)?"
    r"(?:better|more confident|more comfortable|good|confident|comfortable)\s+(?:at|with|using)\s+(?=\w)",
    re.IGNORECASE,
)
# A skill told as one long sentence about a person: what follows "how to" is the skill.
HOW_TO = re.compile(r"\bhow to\s+", re.IGNORECASE)
# ... and it ends where its purpose or owner begins ("digitising recipe cards so the grandchildren
# can…", "logging sightings with an app and maybe sharing them", "edit footage for his parents'…").
TOPIC_PURPOSE = re.compile(
    r"(?:\s+(?:without|so|so that|and maybe|and then|and also|because|"
    r"for (?:my|his|her|our|their|the|me|us|him|them)\b|"
    r"from (?:my|his|her|our|their))|(?<!going)(?<!want)(?<!wants)(?<!need)(?<!needs)(?<!like)(?<!trying)"
    r"(?<!able)(?<!offered)(?<!how)(?<!used)(?<!got)(?<!get)(?<!getting)(?<!has)(?<!have)(?<!learn)(?<!learning)"
    r"(?<!reply)(?<!replying)(?<!respond)(?<!responding)"
    r"\s+to(?= [a-z]{3,}\b))\s+",
    re.IGNORECASE,
)
TOPIC_CLAUSE = re.compile(
    r"\s+(?:-|–|—|where|which|that|because|so that|but|when|while|since)\s+", re.IGNORECASE
)
# ... and, for the subject only, where a long topic goes on to say what happens with it: "the sat
# nav app on my new car keeps confusing me", "the rota … and people keep overwriting it".
SUBJECT_CLAUSE = re.compile(
    r"\s+(?:keeps|kept|won'?t|doesn'?t|never|are|is|were|was|"
    r"and(?=\s+(?:people|they|it|everyone|nobody|no one|he|she|we|i)\b))\s+",
    re.IGNORECASE,
)


# A request wrapped around the topic: "can i ask my mentor about strava?", "what could I ask my
# mentee about instagram", "would my mentor know about home wifi" are about strava, instagram and
# home wifi.
REQUEST_WRAPPER = re.compile(
    r"^(?:(?:hey|hi|so|ok|okay)[,!]?\s+)?(?:"
    r"(?:(?:(?:can|could|should|shall|do|would)\s+(?:i|we|u|you)|how\s+(?:can|could|should|do|would|shall)\s+"
    r"(?:i|we)|what\s+(?:could|can|should|shall|do|would)\s+"
    r"(?:i|we)|what\s+to|(?:some\s+)?(?:good\s+)?questions?(?:\s+(?:to|i\s+could|for(?:\s+me\s+to)?))?|"
    r"ideas\s+(?:for\s+)?(?:what\s+)?to|help\s+me(?:\s+to)?|"
    r"(?:i\s+)?(?:(?:want|need|would\s+like|'d\s+like)\s+to|wanna))\s+)?"
    rf"(?:ask|asking|talk\s+to|chat\s+(?:to|with)|discuss\s+with)\s+(?:my|our|the)\s+{PARTNER}"
    rf"|(?:would|does|will|might)\s+(?:my|our|the)\s+{PARTNER}\s+know(?:\s+anything)?"
    # "ideas for questions about…", "need 2 questions to kick off a session on…"
    r"|(?:(?:some|any)\s+)?ideas\s+for\s+(?:some\s+)?(?:good\s+)?(?:questions?|qs|starters?)"
    r"|(?:(?:i\s+)?(?:need|want|gimme|give\s+me)\s+)?(?:\d+|a\s+few|some|two|three|four|five)\s+(?:good\s+)?"
    r"(?:questions?|qs|starters?)(?:\s+to\s+(?:kick\s+off|open|start)\s+(?:a|the|our|my)\s+"
    r"(?:session|sesh|chat|conversation))?"
    # "help me think of questions for my mentee about…"
    rf"|(?:[\w']+\s+){{0,6}}?(?:questions?|starters?|things?)\s+(?:to\s+ask|for|"
    r"i\s+(?:could|can|might|should|would)\s+ask)\s+"
    rf"(?:my|our|the)\s+{PARTNER})"
    # "... my mentee who is a ship captain about digital logbooks": who they are is not the subject
    r"(?:,?\s+who(?:'s|\s+is)\s+[^,.;:!?]{2,50}?,?)?"
    r"\s+(?:about|re:?|on|regarding|around|how\s+to)\s+",
    re.IGNORECASE,
)
# A topic that opens with the story behind it and names the skill later: "my dad got scammed last
# year so im nervous about online banking", "as a partner who plays a lot of golf, how do i use the
# club's booking app". The story is the detail; what follows the cue is the subject.
STORY_FIRST = re.compile(
    r"^(?:my|our|i|i'?ve|i'?m|im|ive|i'?d|as\s+an?|since|after|when|because|bc|having)\b", re.IGNORECASE
)
SKILL_CUE = re.compile(
    r"(?:,?\s+(?:so|and|but|now)(?:\s+now)?\s+|,\s*|\s+)"
    r"(?:(?:i'?m|im|i am|i feel|feeling|i'?ve been|been|i)\s+)?(?:(?:always\s+)?(?:get|got)\s+)?"
    r"(?:(?:really|a bit|quite|so|very|totally|pretty)\s+)?"
    r"(?:(?:nervous|worried|scared|anxious|confused|clueless|hopeless|rubbish|useless|curious|keen|"
    r"interested|excited|stuck|struggling|lost|terrified|wary)\s+(?:about|of|by|with|at|in|on)|"
    r"(?:want|wanna|need|would like|'d like)\s+(?:to\s+)?(?:learn|try|get into|understand)(?:\s+about)?|"
    r"how\s+(?:do|can|should|would|could)\s+(?:i|we)(?:\s+(?:start\s+(?:to\s+)?|get\s+into|learn(?:\s+to)?))?)"
    r"\s+(?=\w)",
    re.IGNORECASE,
)
STORY_WORDS = 14
# Who is asking, said first and closed by a comma or a full stop, in English or the writer's own
# language ("ich bin finance director, I want learn…", "I am head of nursing. i want…"), and what
# they want, said plainly ("I want learn how use the app…"): the skill is what follows.
SELF_INTRO = re.compile(
    r"^(?:ich bin|i am|i'm|im|je suis|soy|sou|sono|ik ben|eu sou|jestem)\s+"
    r"[^,.;:!?]{2,60}?[,.;:!?]+\s+(?=\S)",
    re.IGNORECASE,
)
WANT_LEAD = re.compile(
    # "im learning to use canva for…", "i'm trying to get into podcasts"
    r"^(?:i'?m|im|i am|we'?re)\s+(?:learning|trying|starting|hoping|wanting)\s+(?:how\s+)?(?:to\s+)?"
    r"(?:(?:use|learn|get into)\s+(?=\w))?|"
    # "we are doing linkedin next"
    r"^(?:we'?re|we are|were)\s+(?:doing|covering|looking at|moving on to|starting)\s+(?=\w)|"
    r"^(?:(?:i|we)\s+)?(?:really\s+|would\s+|also\s+)?(?:want|wants|wanna|need|needs|would like|'d like)"
    r"\s+(?:to\s+)?"
    r"(?:(?:learn|know|understand|talk about|talk through|discuss|cover|look at|go through|go over|"
    rf"ask(?:\s+(?:(?:my|our)\s+{PARTNER}|you|her|him|them))?\s+about)\s+)?"
    # ("how (to)" goes, as in "I want learn how use the app"; "understand how my grads use tiktok"
    # keeps its question)
    r"(?:how\s+(?!(?:my|our|the|a|an|his|her|their|your|people|young|we|they|he|she|it|i)\b)(?:to\s+)?|to\s+)?"
    r"(?=\w)",
    re.IGNORECASE,
)


def without_how(topic: str) -> str:
    """The topic without "show me how", "ask how she uses" before what is done (ASK_HOW, SHOW_HOW),
    and without the partner who teaches it ("mentor is showing me spotify playlists…")."""
    topic = HOW_THEY_USE.sub("using ", PARTNER_TEACHES.sub("", topic))
    return SHOW_HOW.sub("", ASK_HOW.sub("", topic))


# "my mentor is showing me spotify playlists for…", "she'll teach me how to edit reels".
PARTNER_TEACHES = re.compile(
    rf"^(?:(?:(?:my|our)\s+)?{PARTNER}|she|he|they|shes|hes)(?:\s+is\s+\d{{2}}\s+and)?"  # ("… is 23 and …")
    r"(?:'s|'ll|\s+is|\s+will|\s+is\s+going\s+to)?\s+(?:be\s+)?"
    r"(?:(?:showing|teaching|helping|walking|showed|taught|helped)\s+me\s+(?:through\s+)?"
    r"(?:how\s+to\s+|with\s+|about\s+|to\s+)?|(?:sorting out|setting up|fixing)\s+(?=my\b))(?=\w)",
    re.IGNORECASE,
)
# "(ask my mentor about) how she uses notion to plan…" is about using notion to plan…
HOW_THEY_USE = re.compile(r"^how\s+(?:she|he|they|you)\s+uses?\s+(?=\w)", re.IGNORECASE)


def without_stage(topic: str) -> str:
    """The topic without the words that say which session it is ("next sesh is on", "2nd sesh w my
    mentor,"), when something follows them, and without a first sentence that only asks for the
    questions ("Can u give me 6 questions for my mentee? He wants help planning…") or a word that
    only opens the message ("so my mentee runs the village choir…")."""
    topic = ASKS_FOR_QUESTIONS.sub("", OPENING_WORD.sub("", OPENING_WORD.sub("", topic)))  # "ok so my…"
    topic = TITLE_DOT.sub(r"\1", GREETING.sub("", topic))  # "Hello, I am mentor for Mr. Okafor…"
    topic = TOPIC_KEY.sub("", topic)
    topic = ASKS_AFTER.sub("", QUESTIONS_LEAD.sub("", topic))  # "qs for my mentor pls, …"
    topic = SESSION_BEFORE.sub("", topic)  # "last session my mentee seemed bored…"
    return STAGE_LEAD.sub("", STAGE_CLAUSE.sub("", topic))


# A first sentence that asks for the questions and says nothing of the topic, before one that does.
ASKS_FOR_QUESTIONS = re.compile(
    r"^(?:(?:hi|hey|hello|dear companion)[,!]?\s+)?(?:please\s+)?"
    r"(?:(?:can|could|would|will)\s+(?:u|you)\s+(?:please\s+)?)?(?:please\s+)?"
    r"(?:give|suggest|write|send|get|need|want|help me (?:with|find|think of))\s+(?:me\s+)?"
    r"(?:(?:\d+|some|a few|a couple of|good|more|five|six|three|four)\s+)*"
    r"(?:questions?|starters?|conversation starters?|prompts?|ice-?breakers?)\b[^.?!]{0,60}[.?!]+\s+(?=\S)",
    re.IGNORECASE,
)
# A request for the questions said in a few words and closed by a comma, a colon or a dash, before
# the topic: "qs for my mentor pls, im learning canva…", "need 3 questions - mentee wants…",
# "starters pls: mentee (coo) wants…".
QUESTIONS_LEAD = re.compile(
    r"^(?:(?:i\s+)?(?:need|want|give me|get me|send me|pls|please)\s+)?"
    r"(?:(?:\d+|any|some|a few|a couple of|good|more|three|four|five|six)\s+)*"
    r"(?:qs|q's|questions?|starters?|convo starters?|conversation starters?|prompts?|ice-?breakers?|ideas)"
    r"(?:\s+(?:pls|please|plz))?(?:\s+for\s+(?:(?:our|the|my)\s+)?(?:next\s+)?(?:session|sesh|meeting|mtg)(?:\s+\d+)?)?"
    rf"(?:\s+(?:for|to ask|i could ask|i can ask)\s+(?:my|our|the)\s+{PARTNER})?(?:\s+(?:pls|please|plz))?"
    r"\s*(?:[,:;.?!]|\s[-–—]+)\s*(?=\S)"
    # "3 questions about smart speakers for…"
    rf"|^(?:(?:my\s+)?{PARTNER}\s+)?(?:(?:\d+|some|a few|three|four|five)\s+)?(?:qs|questions|starters)\s+"
    r"(?:about|on|re:?)\s+(?=\w)",
    re.IGNORECASE,
)
# ... and after it: "…for my spin class next week, what should i ask", "…no signal. what do i ask him".
ASKS_AFTER = re.compile(
    r"\s*[,.;:?!-]*\s*(?:so\s+)?(?:what|wat)\s+(?:should|shld|shall|do|can|could|would)\s+(?:i|we)\s+"
    r"(?:ask|say|talk about|cover)(?:\s+(?:him|her|them|my\s+\w+))?\s*\??\s*"
    r"(?:(?:any\s+)?(?:ideas|tips|suggestions)\s*\??)?\s*$"
    r"|\s*[,.;:?!-]*\s*(?:any\s+)?(?:ideas|tips|suggestions)\s*\?+\s*$"
    # "… for news. Please 4 questions.", "… 3 starters"
    r"|[,.;:!-]*\s+(?:(?:please|pls|plz)\s+)?(?:give\s+me\s+)?(?:\d+|some|a few|three|four|five)\s+"
    r"(?:qs|questions|starters|prompts)(?:\s+(?:please|pls|plz))?\s*[.!?]*\s*$"
    r"|[,.;:!-]*\s+i\s+(?:need|want|would like)\s+(?:\d+|some|a few|three|four|five)\s+"
    r"(?:qs|questions|starters|prompts)\s*[.!?]*\s*$"
    # "…, where do we start?"
    r"|\s*[,.;:?!-]+\s*(?:so\s+)?(?:where|how)\s+(?:do|should|shall|can|would)\s+(?:i|we)\s+(?:even\s+)?"
    r"(?:start|begin)\s*\?*\s*$",
    re.IGNORECASE,
)
GREETING = re.compile(
    r"^(?:hello|hi|hey|hiya|hallo|guten tag|bonjour|hola|ciao|salut|namaste|dear\s+\w+|"
    r"good (?:morning|afternoon|evening))[,!.]*\s+",
    re.IGNORECASE,
)
# "mentee = ops director, topic = cyber security / phishing, she clicked…": the topic is what follows.
TOPIC_KEY = re.compile(r"^.*?\btopic\s*[=:]\s*(?=\S)", re.IGNORECASE)
TITLE_DOT = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|St)\.(?=\s)")
# The session before this one, told first: "last session my mentee seemed bored when…", "in our
# last session i talked over my mentor…".
SESSION_BEFORE = re.compile(
    r"^(?:(?:in|at|during)\s+)?(?:(?:our|the|my)\s+)?last\s+(?:session|sesh|meeting|mtg|time|week)\s*,?\s+"
    r"(?=(?:i|we|he|she|they|my|our|it|i'?m|im)\b)",
    re.IGNORECASE,
)
# A word that only opens the message.
OPENING_WORD = re.compile(
    r"^(?:so(?=[,!]|\s+(?:my|our|i|i'm|im|we|the|he|she|they|basically|yeah)\b)|"
    r"(?:ok|okay|right|well|anyway)(?=[,!]|\s+so\b)|um+|erm+|basically|honestly)\b[,!]?\s+(?=\S)",
    re.IGNORECASE,
)


# A sentence that only asks the companion for the questions, or how to go about the conversation:
# "Can you propose questions to ask my mentor?", "Kindly propose some opening questions.", "How
# should I close it?", "Help me come up with questions that get him thinking about names".
ASK_SENTENCE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|please|pls|kindly|so|ok|okay)[,!]?\s+)*(?:"
    r"(?:can|could|would|will)\s+(?:you|u)\b.*\b(?:questions?|qs|starters?|prompts?|ideas?|suggest|propose|help)\b.*|"
    r"(?:propose|suggest|give|send|recommend|need|want|write)\b.*\b(?:questions?|qs|starters?|prompts?|ideas?)\b.*|"
    r"help\s+me\b.*\b(?:questions?|qs|starters?|prompts?|ideas?|think\w*|ask|open|start|close|end)\b.*|"
    r"how\s+(?:should|do|can|could|would|shall)\s+(?:i|we)\b(?:\W*\w+){0,10}\W*|"
    r"what\s+(?:should|do|can|could|would|shall)\s+(?:i|we)\s+(?:ask|say|bring)\b.*|"
    r"any\s+(?:ideas|tips|suggestions)\b.*"
    r")$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*")


ASK_WORDS = frozenset({
    "can", "could", "would", "will", "you", "u", "please", "pls", "kindly", "propose", "suggest", "give",
    "send", "recommend", "need", "want", "write", "help", "me", "some", "any", "few", "good", "more",
    "questions", "question", "qs", "starters", "starter", "prompts", "prompt", "ideas", "idea",
    "openers", "opener", "ask", "to", "for", "with", "my", "our", "the", "a", "an", "i", "we", "how",
    "should", "do", "what", "say", "bring", "it", "this", "that", "things", "up", "come", "think",
    "thinking", "mentor", "mentee", "reverse", "session", "sesh", "meeting", "chat", "close", "open",
    "end", "start", "begin", "well", "properly", "get", "him", "her", "them", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten",
})  # fmt: skip
ASKS_ABOUT_LEAST = 2  # content words beyond the asking that make an ask sentence part of the topic


HOW_ASK = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but)\s+)?how\s+(?:should|do|can|could|would|shall)\s", re.IGNORECASE
)


def asks_about(sentence: str) -> bool:
    """The ask sentence also says what the questions are about (ASKS_ABOUT_LEAST words of its own)."""
    if HOW_ASK.match(sentence):
        return False  # "how do i bring that up w/o it getting weird" asks how, not about what
    words = [word for word in re.findall(r"[a-z']{3,}", sentence.lower()) if word not in ASK_WORDS]
    return len(words) >= ASKS_ABOUT_LEAST


def without_asks(topic: str) -> str:
    """The topic without the sentences that only ask for the questions (ASK_SENTENCE), when others
    say what it is about; a first or last meeting such a sentence names is kept in front ("How
    should I close it?" → "last session: …"). Emoji end a sentence ("…director 🦕 she started out…")."""
    parts = SENTENCE_END.split(topic.strip())
    sentences = [part.strip() for part in parts if part and part.strip()]
    # (an ask that also says what about, "Could you give me 4 questions for my first meeting with our
    # head brewer?", "…to ask my mentee about the fake news he forwarded", stays)
    kept = [part for part in sentences if not ASK_SENTENCE.match(part) or asks_about(part)]
    if not kept or len(kept) == len(sentences) == len(parts):
        return topic
    text = " ".join(part if part[-1] in ".?!" else f"{part}." for part in kept)
    asked = " ".join(part for part in sentences if part not in kept)
    if says_last_session(asked) and not says_last_session(text):
        text = f"last session: {text}"
    elif FIRST_MEETING.search(asked) and not FIRST_MEETING.search(text):
        text = f"first meeting: {text}"
    return text


def without_self_intro(topic: str) -> str:
    """The topic without who is asking and "I want (to learn how to)" before the skill."""
    return WANT_LEAD.sub("", SELF_INTRO.sub("", topic.strip()))


def story_first(topic: str) -> tuple[str, str] | None:
    """(the skill and what follows it, the story told before it) when the topic opens with the
    story behind a skill named later ("my dad got scammed last year so im nervous about online
    banking"); None otherwise, or when the person the topic is about opens it ("my mentee…")."""
    topic = REQUEST_WRAPPER.sub("", topic.strip())
    if not STORY_FIRST.match(topic) or ABOUT_A_PERSON.match(topic) or PERSON_DOES.match(topic):
        return None
    cue = SKILL_CUE.search(topic)
    if cue is None or cue.start() == 0:
        return None
    story = re.sub(
        r"^(?:as(?=\s+an?\b)|since|after|when|because|bc|having)\s+", "", topic[: cue.start()], flags=re.I
    )
    story = story.strip(" ,.;:-–—")
    if not 2 <= len(story.split()) <= STORY_WORDS or NOT_WORDS.search(story):
        return None
    # "i'm a police superintendent and worried about…" says who is asking, not a story
    return topic[cue.end() :], "" if SELF_ROLE.match(story) else story


# What the partner finds hard is the skill: "my mentee struggles with excel formulas", "she finds
# pivot tables confusing", "he can't get the hang of outlook rules".
FINDS_HARD = re.compile(
    rf"^(?:(?:(?:the|my|our)\s+)?{PARTNER}|(?:she|he|they))(?:'s|s)?\s+(?:really\s+|still\s+|just\s+)?"
    r"(?:struggles?\s+with|is\s+struggling\s+with|struggling\s+with|finds|(?:is\s+)?(?:nervous|scared|anxious|"
    r"worried|confused|clueless)\s+(?:about|of|by|with)|(?:is\s+)?new\s+to|"
    r"(?:can'?t|cannot|doesn'?t|does not|won'?t)\s+(?:get\s+the\s+hang\s+of|get\s+to\s+grips\s+with|"
    r"figure\s+out|work\s+out|understand|get))\s+(?P<skill>[^,.;!?]+?)"
    r"(?:\s+(?:confusing|hard|difficult|tricky|scary|daunting|overwhelming|a\s+pain))?\s*(?:[,.;!?].*)?$",
    re.IGNORECASE,
)


# Words that only say the partner is to grow easy with the skill, before it: "helping our finance
# director get comfortable using chatgpt for board reports", "getting the coo confident with copilot".
COMFORT_LEAD = re.compile(
    r"^(?:helping|help|getting|get)\s+(?:(?:my|our|the|him|her|them)\s+)?(?:[\w-]+\s+){0,3}?(?:to\s+)?"
    r"(?:(?:get|feel|be|become|feeling|getting)\s+)?(?:more\s+|really\s+)?"
    r"(?:comfortable|confident|at ease|at home|happier)\s+(?:with|using|on|at|in|about)\s+(?:using\s+)?",
    re.IGNORECASE,
)


def topic_phrase(topic: str) -> str:
    """The pair's topic as a short phrase to put in a question: its first clause ("excel formulas,
    she still uses a calculator lol" becomes "excel formulas"). Longer than TOPIC_WORDS words, it
    is not a phrase a question can carry: "" (and no starter takes it)."""
    topic = without_stage(PARENTHESES.sub("", topic).strip())  # "my mentee (director, 61) wants…"
    topic = REQUEST_WRAPPER.sub("", topic)  # "can i ask my mentor about strava?"
    topic = COMFORT_LEAD.sub("", topic)  # "helping our finance director get comfortable using chatgpt…"
    if moved := MOVED_ONTO.match(topic):  # "get the head of estates off his whiteboard and onto planner"
        topic = moved.group("new")
    if label := LABEL.match(topic):  # "excel: she wants to stop copy pasting the weekly report"
        topic = label.group(1)
    topic = without_self_intro(topic)  # "ich bin finance director, I want learn how use the app…"
    if hard := FINDS_HARD.match(topic.strip()):  # "my mentee struggles with excel formulas"
        topic = hard.group("skill")
    if story := story_first(topic):
        topic = story[0]  # "my dad got scammed … so im nervous about online banking"
    # "could you show me how you edit…"; "help her run hybrid meetings" loses its helper, not a lead
    # word (not "her run hybrid meetings")
    head = without_how(HOW_PERSON_CAN.sub("", topic))
    if not HELP_PARTNER.match(head):
        head = TOPIC_LEAD.sub("", head)
    head = TOPIC_TAIL.sub("", HELP_PARTNER.sub("", head)).strip(" .-–—:") or topic
    source = head if TOPIC_GOAL.search(head) else topic
    if ABOUT_A_PERSON.match(head) and (goal := TOPIC_GOAL.search(source)):
        head = TOPIC_TAIL.sub("", source[goal.end() :]).strip(" .-–—:")  # "mentee is 58, … wants to…"
        head = without_how(LEARN_TO.sub("", HELP_LEAD.sub("", head)))
    if len(head.split()) > TOPIC_WORDS and (goal := TOPIC_GOAL.search(head)) and not POINTS_BACK.search(head):
        head = head[goal.end() :]  # "my mentee runs housing and wants to use chatgpt for letters"
        head = LEARN_TO.sub("", HELP_LEAD.sub("", head))  # "wants help setting up a vinted shop"
        head = without_how(head)  # "wants to show me how she uses notion to plan her week"
    head = KNOWING_WHY.sub("", head)  # "understand why parents complain on facebook" asks why
    head = PARTNER_AVERSION.sub("", head)  # "why she hates using AI for contract first drafts"
    if GENERIC_GOAL.fullmatch(head) and (raised := RAISED.search(topic)):
        head = raised.group(1)  # "…shuts down whenever i mention diversity stuff. want to try again"
    if PERSON_DOES.match(head) and (done := WE_DID.search(head)):
        head = done.group(1)  # "my mentee seemed bored when we did powerpoint" is about powerpoint
    if BARE_REPLY.fullmatch(head) and (received := RECEIVED.search(topic)):
        head = f"replying to {received.group(1)}"  # "…keeps getting bad google reviews, wants to…reply"
    if len(head.split()) > TOPIC_WORDS and (how := HOW_TO.search(head)):
        head = head[how.end() :]  # "my mentor offered to show me how to sell old lenses on ebay"
    if len(head.split()) > TOPIC_WORDS:  # a long topic keeps its head, up to a clause that follows it
        head = TOPIC_CLAUSE.split(head, maxsplit=1)[0].strip(" .-–—:")
        head = SUBJECT_CLAUSE.split(head, maxsplit=1)[0].strip(" .-–—:")
    if len(head.split()) > TOPIC_WORDS:  # ... or up to what it is for, or whose it is
        head = TOPIC_PURPOSE.split(head, maxsplit=1)[0].strip(" .-–—:")
    if len(head.split()) > TOPIC_WORDS:  # ... or up to the last "and", "using"… that keeps it short
        head = longest_short_head(head)
    head = LEARN_TO.sub("", ASK_ABOUT.sub("", head))  # "learn to edit old footage": "edit old footage"
    # "showing me bereal and why her friends use it" is about bereal
    head = SHOWN_AND_WHY.sub("", SHOWN_TO_ME.sub("", head)).strip(" .,-–—:") or head
    head = BETTER_AT.sub("", head)  # "(get) better at online banking" is about online banking
    head = WRITER_CLAUSE.split(head, maxsplit=1)[0]  # "the parish newsletter online and I'm supposed to…"
    head = HOW_OFTEN.sub("", head)  # "excel day to day"
    if (
        PERSON_ONLY.fullmatch(head)
        or NOT_WORDS.search(head)
        or PERSON_DOES.match(head)
        or NO_SUBJECT.match(head)
    ):
        # "my mentee" is who, not what; "the mentee doesnt trust AI" is what they do, not a skill;
        # brackets and quotes are markup, not a subject
        return ""
    if re.match(r"not\s+\w", head, re.IGNORECASE) and re.search(r"\bhow\s+to\s+not\b", topic, re.IGNORECASE):
        head = f"how to {head}"  # "how to not get scammed on whatsapp" is not "not get scammed…"
    most = QUESTION_WORDS if EMBEDDED_QUESTION.match(head) else TOPIC_WORDS
    return head if 0 < len(head.split()) <= most else ""


# "get the head of estates off his whiteboard and onto planner in teams", "move her from paper diaries
# to outlook": the new way is the topic, not who is moved nor what they leave.
MOVED_ONTO = re.compile(
    r"^(?:(?:help(?:ing)?|how\s+(?:do|can)\s+i|want\s+to|trying\s+to)\s+)?"
    r"(?:get|getting|move|moving|switch|switching|shift|shifting|wean|weaning|migrate|migrating)\s+"
    r"(?:[\w'’-]+\s+){1,6}?(?:off|from|away\s+from)\s+(?:[\w'’-]+\s+){1,5}?"
    r"(?:and\s+)?(?:onto|on\s+to|to|into|over\s+to)\s+(?P<new>\w.*)$",
    re.IGNORECASE,
)
# What the partner will show the writer, and why others use it: "showing me bereal and why her
# friends use it" is about bereal.
SHOWN_TO_ME = re.compile(
    r"^(?:show(?:ing)?|teach(?:ing)?|walk(?:ing)?\s+through)\s+(?:me|us)\s+(?!how\b)", re.I
)
SHOWN_AND_WHY = re.compile(r",?\s+and\s+(?:why|how come|what for)\b.*$", re.IGNORECASE)
# "(i want to) ask about hybrid working" is about hybrid working.
ASK_ABOUT = re.compile(
    rf"^(?:ask|talk|chat|hear)(?:\s+(?:you|her|him|them|(?:my|our)\s+{PARTNER}))?\s+"
    r"(?:(?:about|re)\s+(?=\w)|(?=(?:how|what|why|whether)\s+\w))",
    re.IGNORECASE,
)
# A goal that names no subject ("try again gently"), and what the writer raised before it.
GENERIC_GOAL = re.compile(
    r"(?:try (?:again|it again|once more)|do better|have another go|bring it up again|raise it again|"
    r"get it right)(?:\s+\w+ly)?(?:\s+(?:next time|this time))?",
    re.IGNORECASE,
)
RAISED = re.compile(
    r"\b(?:mention|mentioned|bring up|brought up|raise|raised|talk about|talked about|suggest|suggested)\s+"
    r"([^,.;!?]+?)(?:\s+(?:and|but|so)\b|[,.;!?]|$)",
    re.IGNORECASE,
)
# What the pair worked on, told as when something happened: "… seemed bored when we did powerpoint".
WE_DID = re.compile(
    r"\b(?:when|while)\s+we\s+(?:did|were doing|tried|covered|looked at|were looking at|practised|"
    r"practiced|went through|worked on)\s+([^,.;!?]+)",
    re.IGNORECASE,
)
# A reply without what it answers ("wants to know how to reply"), and what the topic says was
# received before it ("keeps getting bad google reviews").
BARE_REPLY = re.compile(
    r"(?:how\s+to\s+)?(?:reply|respond|react|answer|deal with (?:it|them))"
    r"(?:\s+to\s+(?:them|it|those|these))?",
    re.IGNORECASE,
)
RECEIVED = re.compile(
    r"\b(?:getting|gets|got|receiving|receives|received|had|has|have)\s+((?:[\w'-]+\s+){0,3}?"
    r"(?:reviews?|comments?|messages?|emails?|complaints?|dms?|replies|posts?|texts?|calls?))\b",
    re.IGNORECASE,
)
# A subject named first, as a label: "excel: she wants to…", "LinkedIn - he has no photo" (the dash
# is cut by TOPIC_TAIL).
LABEL = re.compile(r"^((?:[\w'&+./-]+\s+){0,3}[\w'&+./-]+)\s*:\s+(?=\S)", re.IGNORECASE)
# "understand why…", "find out how…": the question is the subject.
KNOWING_WHY = re.compile(
    r"^(?:(?:better\s+)?understand(?:ing)?|know(?:ing)?|find(?:ing)?\s+out|learn(?:ing)?)\s+"
    r"(?=(?:why|how|what|whether|who)\s+\w)",
    re.IGNORECASE,
)
# Why the partner is against something, said of them: the subject is the thing, since the question
# is put to them ("why she hates using AI for contract first drafts" is about using AI for them).
PARTNER_AVERSION = re.compile(
    r"^why\s+(?:she|he|they)\s+(?:really\s+|still\s+|just\s+|so\s+much\s+)?"
    r"(?:hates?|dislikes?|avoids?|distrusts?|resists?|fears?|(?:won'?t|refuses?\s+to)\s+(?:use|try|touch)|"
    r"(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:like|trust|use|want)|"
    r"(?:is|are)\s+(?:against|wary\s+of|scared\s+of|sceptical\s+(?:of|about)|skeptical\s+(?:of|about)))\s+"
    r"(?=\w)",
    re.IGNORECASE,
)
# A subject told as what is asked ("how our graduates feel about the new 4 day office rule") is cut
# nowhere (longest_short_head), so it may run a little longer than a skill's name; a question asked
# outright ("what do graduates… think of…") does not read inside another.
EMBEDDED_QUESTION = re.compile(
    r"^(?:why|how|what|who|whether)\s+(?!(?:do|does|did|is|are|was|were|can|could|should|would|will|to)\b)",
    re.IGNORECASE,
)
QUESTION_WORDS = 12


# Words a long topic can be cut before and still say what it is about.
JOINS = re.compile(r"\s+(?:and|using|via|because|while|when|after|before)\s+", re.IGNORECASE)
QUESTION = re.compile(r"^(?:what|why|how|who|which|when|where|do|does|is|are|can|should)\b", re.IGNORECASE)


def longest_short_head(head: str) -> str:
    """The longest start of the topic, cut before a joining word, of at most TOPIC_WORDS words
    ("set up a family whatsapp group and video call the grandkids in australia" → "set up a family
    whatsapp group"); the topic itself when no cut is short enough, or when it is a question ("what
    do graduates… think of the appraisal process" cut anywhere loses what it asks)."""
    if QUESTION.match(head):
        return head
    cuts = [head[: join.start()] for join in JOINS.finditer(head)]
    short = [cut for cut in cuts if 2 <= len(cut.split()) <= TOPIC_WORDS]
    return short[-1] if short else head


# "…wants to reply to them": what they want to do points back at the subject named before it.
POINTS_BACK = re.compile(r"\b(?:it|them|this|that|those|these)[.!?]*$", re.IGNORECASE)
# A lone word that starts a sentence rather than names a subject: "starting to feel like…".
NO_SUBJECT = re.compile(
    r"^(?:starting|beginning|trying|feeling|getting|going|kind of|sort of)$", re.IGNORECASE
)
WRITER_CLAUSE = re.compile(r"\s+(?:and|but|so)\s+(?:i'?m|im|i am|i'?ve|ive|i'?ll|i have|i)\b", re.IGNORECASE)
PERSON_DOES = re.compile(
    rf"^(?:(?:the|my|our)\s+{PARTNER}|(?:she|he)(?:'s|s)?|they)\s+(?!and\b)[a-z']+", re.IGNORECASE
)


# What follows a topic's subject: "phishing - she nearly paid a fake invoice", "copilot, mainly
# for summarising planning reports", "tiktok because the brewery wants to reach under 30s".
DETAIL_BREAK = re.compile(
    rf"\s+[-–—:]+\s+|\s*[,;:?!]\s+|\s+(?:{CONNECTORS}|particularly)(?:\s+of(?=\s))?\s+",
    re.IGNORECASE,
)
DETAIL_LEAD = re.compile(
    rf"^(?:(?:(?:because|bc|cos|coz|cuz)\s+of|{CONNECTORS}|particularly|like|for|with|about|on|and|but|so|"
    r"as|tho|though|although|e\.?g\.?)\s+)+",
    re.IGNORECASE,
)
# "she nearly clicked a fake parcel text" is about "a fake parcel text": the writer's "she" or
# "my mentee" reads wrongly to the person asked, so the detail starts at what was done or seen.
PERSON_SUBJECT = re.compile(
    r"^(?:she|he|they|it|i|we|i've|ive|i'm|im|i'd|(?:(?:my|our|his|her|their)\s+)?(?:reverse\s+)?"
    r"(?:mentee|mentor|boss|manager|team))"
    r"(?P<is>'s|'re|s\b|\s+is\b|\s+are\b)?\s+",
    re.IGNORECASE,
)
ABOUT_SOMETHING = re.compile(
    r"\b(?:a|an|the|some|his|her|their|our|this|that|these|those|of|about|with|by|at|on)\s+\w", re.IGNORECASE
)
NOUN_GOES_ON = re.compile(r"(?:of|at|in|from|on|with|who|that)\b", re.IGNORECASE)
PARTNER_STATE = re.compile(
    r"^(?:she|he|they|(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor|boss|manager))\b", re.IGNORECASE
)
OBJECT = re.compile(
    r"\b(?:a|an|the|some|his|her|their|our|this|that|these|those|every|each)\s+\S.*$", re.IGNORECASE
)
# Words about the request rather than the topic: "no idea what to ask", "any tips".
ABOUT_THE_REQUEST = re.compile(
    r"\b(?:no idea|not sure|any (?:ideas|tips|suggestions)|what (?:to|should|shld|do|can) (?:i |we )?"
    r"(?:ask|say|cover|talk about|do)|help me|ideas)\b",
    re.IGNORECASE,
)
DETAIL_END = re.compile(
    r"[.!?]+\s.*$|\s+(?:last|this|next|all)\s+(?:week|month|year|time|night|term)\b.*$|"
    r"\s+(?:yesterday|today|tmrw|tomorrow|lol|pls|please|haha|idk)\b.*$|[.!?]+$|"
    # what the writer asks of the companion after the list: "…whatsapp stuff, what should i ask"
    r",?\s+(?:what|how|which)\s+(?:should|shld|shall|do|can|could|would|to)\s+(?:i\s+|we\s+)?"
    r"(?:ask|say|cover|talk|do|start)\b.*$|,?\s+(?:any|some|need|gimme|give me)\s+(?:good\s+)?"
    r"(?:ideas|qs|questions|starters|tips)\b.*$|"
    r"\s+(?:over|in|for|across)\s+(?:the\s+(?:last|past)\s+)?"
    r"(?:\d+|two|three|four|five|six|eight|nine|ten|twelve|a few)\s+(?:months|weeks|sessions)\b.*$",
    re.IGNORECASE,
)
QUOTES = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)")
DETAIL_WORDS = 12
# What a pair says it covered, for a closing session: "we did linkedin, then chatgpt".
COVERED = re.compile(
    r"\b(?:we(?:'ve| have)?\s+(?:\w+ly\s+)?(?:did|done|covered|looked at|went through|went over|worked on|"
    r"tried|been doing|been (?:working on|looking at|learning)|focus(?:s?ed)? on|talked about|learn[te]d?|"
    r"practi[sc]ed|spent (?:it|them|most of it|the sessions|our sessions)(?: all)? on)|covered|"
    r"(?:showed|taught|shown|helped) me(?: with)?|"
    # what the writer showed the partner: "I showed her how teenagers find books through BookTok",
    # "I teach him Canva for the safety posters", "spent months showing him how fans talk on reddit"
    r"i(?:'ve| have)?\s+(?:showed|shown|taught|teach|been showing|been teaching)\s+(?:him|her|them)|"
    r"spent\s+(?:\w+\s+){1,2}(?:showing|teaching)\s+(?:him|her|them)|"
    r"topics?\s+(?:were|was)|(?:\d+|two|three|four|five|six|eight|nine|ten|twelve|a few)\s+"
    r"(?:months|weeks|sessions)(?:\s+of|,?\s+(?:mostly|mainly|largely|all)(?:\s+on)?))\s+(?P<list>.+)$",
    re.IGNORECASE,
)


COPULA = re.compile(r"^(?:are|is|was|were)\s+", re.IGNORECASE)
NEXT_PERSON = re.compile(
    rf"\s+(?:and|but)\s+(?=(?:(?:my|our)\s+{PARTNER}|he|she|they|i|we|i'?m|im)\b)", re.IGNORECASE
)


WANTS = re.compile(r"(?:wants|needs|hopes|likes|plans|means|has|does|says|thinks|feels|seems)$", re.I)


DOING = re.compile(r"(?:(always|never|often|still|just|really|usually|constantly|sometimes)\s+)?(\S+)(.*)$")


def as_doing(words: str) -> str:
    """ "drowns in email" → "drowning in email": what the person does, as a phrase a question can
    quote; "" when it does not start with a verb of the third person."""
    found = DOING.match(words)
    if not found:
        return ""
    adverb, verb, rest = found.groups()
    if verb.lower() == "keeps" and re.match(r"\s*[a-z]+ing\b", rest):
        return rest.strip()  # "keeps missing calls" → "missing calls", not "keeping missing calls"
    if not re.fullmatch(r"[a-z]{3,}s", verb.lower()) or verb.lower().endswith("ss") or WANTS.match(verb):
        return ""  # "wants to start one" says what they want, not what they do
    return f"{adverb + ' ' if adverb else ''}{gerund(second_person(verb))}{rest}"


# A topic that opens with its subject as a sentence of its own: "phishing. she nearly paid…".
LEAD_IN = re.compile(r"^((?:[\w'&+-]+\s+){0,3}[\w'&+-]+)\.\s+(\S.*)$")
# Where a long detail may end: what it is for, or what they do now instead.
DETAIL_SHORTER = re.compile(
    r"\s+(?:because|so that|so|before|after|every|and|but|about|without|which)\s+",
    re.IGNORECASE,
)


def topic_detail(topic: str) -> str:
    """What the pair said beside the subject, as a phrase a question can quote: after it ("a fake
    invoice from a supplier"), or, when nothing follows, the story told before it ("my dad got
    scammed last year") or who the partner is ("a vet who breeds alpacas"); "" when they said
    nothing more or it does not read as a phrase."""
    detail = detail_after(topic) or person_description(topic)
    role = topic_role(topic)
    if role and detail.lower().startswith(f"{role.lower()} and "):
        # "running the warehouse and has never used a smartphone": the role has its own question
        detail = detail[len(role) + len(" and ") :]
    if detail and re.search(rf"{ASKED_LEAD}{re.escape(detail)}", topic, re.IGNORECASE):
        return ""  # "…, is it even legal": a question the writer asks, not a detail to quote
    return "" if SAYS_NOTHING.match(detail) else detail


# A yes-or-no question the writer asks beside the topic, whose words are no detail of it.
ASKED_LEAD = (
    r"\b(?:is|are|was|were|does|do|did|can|could|will|would|should)\s+(?=(?:it|they|this|that|we|i|you)\b)"
)


# "my mentee's a vet who breeds alpacas and wants to learn instagram": who the partner is, said
# before what they want to do.
DESCRIBED = re.compile(
    rf"^(?:(?:my|our)\s+)?(?:{PARTNER}|she|he)(?:'s|s|\s+is)\s+(?P<who>.+?)(?:,?\s+and|,)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def person_description(topic: str) -> str:
    """Who the partner is, when the topic describes them before saying what they want ("a vet who
    breeds alpacas"); "" for a job alone ("head of hr"), which the role starters carry."""
    topic = without_stage(topic.strip())  # "2nd sesh w my mentor, shes in payroll, wants…"
    goal = TOPIC_GOAL.search(topic)
    found = DESCRIBED.match(topic[: goal.start()]) if goal else None
    who = found.group("who").strip(" ,.") if found else ""
    if not who or NOT_WORDS.search(who) or SELF_ROLE.match(f"she's {who}") or PLACE.match(who):
        return ""  # a job or a department ("in payroll") is the partner's role, which its starters carry
    return who if 2 <= len(who.split()) <= DETAIL_WORDS else ""


# Someone in the topic other than the pair, whom "she" or "he" after it may mean.
RELATIVE = re.compile(
    r"\b(?:my|our)\s+(?:mum|mom|mother|dad|father|parents?|nan|gran|grandma|grandad|grandpa|grand(?:son|"
    r"daughter|kid|child)|son|daughter|"
    r"kids?|wife|husband|partner|brother|sister|aunt|uncle|neighbou?r|friend)s?\b",
    re.IGNORECASE,
)


SELF_INTRO_SENTENCE = re.compile(r"^(?:i am|i'm|im)\s+[^.!?]{2,60}[.!?]\s+(?=\S)", re.IGNORECASE)
LONE_PRONOUN = re.compile(r"\b(?:he|she|they|i|we)$", re.IGNORECASE)  # "… Okafor. He": a cut, not a phrase
GOAL_AGAIN = re.compile(
    r"(?:wants?|needs?|would like|'d like|hopes?)\s+to\s+(?:know|learn|understand)\b", re.I
)
WANTS_TO = re.compile(r"^(?:wants|needs|would like|'d like|is trying|hopes)\s+to\s+(.+)$", re.IGNORECASE)
WHO_WANTS = re.compile(
    r"^(?:an?\s+)?[\w' -]{2,40}?,?\s+who\s+(?:wants|needs|hopes|would like|is trying)\s+to\s+(.+)$",
    re.IGNORECASE,
)
PARTNER_OWNS = re.compile(
    rf"^(?:(?:my|our)\s+)?{PARTNER}'s\s+(\w+(?:\s+\w+)?)(?=\s+(?:still|keeps?|uses?|has|have|is|are|says?|looks?|"
    r"hasn'?t|doesn'?t|never|only|was|were|won'?t|can'?t)\b)",
    re.IGNORECASE,
)
PARTNER_GOOD_AT = re.compile(
    r"^(?:a\s+|an\s+|really\s+|so\s+)?(?:pro|expert|whizz?|wizard|natural|great|brilliant|amazing|good|"
    r"fluent|ace)\s+(?:at|with|on)\b",
    re.IGNORECASE,
)
HAS_ALREADY = re.compile(
    r"^(?:already\s+)?(?:has|have|'s got|got)\s+(?:got\s+)?(?:a|an|the|some|his|her|their)\b", re.I
)
TROUBLE = re.compile(
    r"\b(?:but|problem|trouble|issue|can'?t|cannot|doesn'?t|won'?t|never|keeps|no idea)\b", re.I
)
DOES_NOT = re.compile(r"^(?:doesn'?t|does not|don'?t|do not)\s+([a-z]+)(.*)$", re.IGNORECASE)
GOT_DONE = re.compile(
    r"^(?:got|gets|keeps getting|kept getting)\s+(\w+ed\b.*|\w+en\b.*|stuck.*|lost.*)$", re.I
)


def detail_after(topic: str) -> str:
    """What the pair said after the subject ("a fake invoice from a supplier"); a skill told as one
    long sentence keeps what follows the part the question quotes ("…a vinted shop to sell his
    late wife's craft supplies"); a skill named after its story, the story."""
    cleaned = QUOTES.sub("", without_stage(PARENTHESES.sub("", topic).strip())).strip()
    cleaned = SELF_INTRO_SENTENCE.sub("", REQUEST_WRAPPER.sub("", cleaned))  # "I am mentor for Mr Okafor."
    if story := story_first(cleaned):
        # what follows the skill, read once; else the story told before it
        return (detail_after(story[0]) if story[0].strip() else "") or story[1]
    parts = DETAIL_BREAK.split(cleaned, maxsplit=1)
    if lead := LEAD_IN.match(cleaned):  # "keyboard shortcuts. my mentee spends ages…"
        parts = [lead.group(1), lead.group(2)]
    phrase = topic_phrase(topic)
    if len(parts) < 2 or (phrase and phrase not in parts[0] and phrase in cleaned):
        at = cleaned.find(phrase) if phrase else -1
        rest = cleaned[at + len(phrase) :] if at >= 0 else ""
        if not rest.strip():
            return ""
        parts = ["", re.sub(r"^\s*to\s+", "", rest)]
    detail = DETAIL_LEAD.sub("", parts[1].strip())
    if SELF_ROLE.match(detail):
        return ""  # "…, im the chief nurse" says who is asking, not what about
    if owned := PARTNER_OWNS.match(detail):
        # "my mentee's profile still says 2015": what is theirs, and what it does
        detail = re.split(r"\s*[,;]\s*", detail, maxsplit=1)[0]
        detail = f"your {owned.group(1)}{detail[owned.end(1) :]}"
    elif subject := PERSON_SUBJECT.match(detail):
        rest = re.split(r"\s*[,;]\s*", detail[subject.end() :], maxsplit=1)[0]  # its own clause only
        if not subject.group("is") and NOUN_GOES_ON.match(rest):
            return ""  # "my team of grads at a consultancy keep leaving": no clause to quote
        state = re.split(r"\s+(?:and|but|so|&)\s+", rest, maxsplit=1)[0]
        someone_else = bool(RELATIVE.search(cleaned)) and bool(
            re.match(r"(?:she|he|they)\b", subject.group(0), re.I)
        )
        if (
            subject.group("is")
            and PARTNER_STATE.match(subject.group(0))
            and not ABOUT_SOMETHING.search(state)
            and not someone_else
        ):
            # "my mentor is partially sighted" is who they are, not a task to talk about ("she is
            # scared of formulas" is about formulas)
            return ""
        if PARTNER_GOOD_AT.match(rest):
            return ""  # "mentor is a pro at it" says why they are asked, not what about
        if HAS_ALREADY.match(rest) and not TROUBLE.search(rest):
            return ""  # "he has a mic already lol" says what they have, not what troubles them
        found = OBJECT.search(rest)
        # "she's scared of scams" is about "scared of scams"; "he joins every call with camera
        # off" about "every call with camera off"
        doing = as_doing(rest)  # "spends hours retyping invoices" → "spending hours retyping invoices"
        if goal := WANTS_TO.match(rest):  # "(she) wants to stop copy pasting the weekly report"
            doing = as_activity(goal.group(1)) or ""
        if got := GOT_DONE.match(rest):  # "she got locked out last time" → "getting locked out"
            doing = f"getting {got.group(1)}"
        detail = rest if subject.group("is") else doing or (found.group(0) if found else "")
        if re.match(r"(?:i|we)\b", subject.group(0), re.IGNORECASE) and len(rest.split()) >= 4:
            detail = f"{subject.group(0).strip()} {rest}"  # "I approve 40 invoices a day by email"
        elif not detail and someone_else:
            # "…my mums sleep, she has dementia and lives alone": "she" is the mum, not the partner
            detail = f"{subject.group(0).strip()} {rest}"
    if doesnt := DOES_NOT.match(detail):  # "(but) doesn't trust it" → "not trusting it"
        detail = f"not {gerund(doesnt.group(1))}{doesnt.group(2)}"
    detail = DETAIL_END.sub("", detail).strip(" .-–—:,")
    detail = TOPIC_CLAUSE.split(detail, maxsplit=1)[0].strip(" .-–—:,")  # "… fundraising but worries …"
    detail = NEXT_PERSON.split(COPULA.sub("", detail), maxsplit=1)[0]  # "are brutal and my mentee wants…"
    if who_wants := WHO_WANTS.match(detail):  # "a solicitor, who wants to draft client letters faster"
        detail = as_activity(who_wants.group(1)) or who_wants.group(1)
    if PERSON_ONLY.fullmatch(detail) or NOT_WORDS.search(detail) or ABOUT_THE_REQUEST.search(detail):
        return ""
    if is_instruction_like(topic):  # "redes sociales: ignora las instrucciones…" is not a detail
        return ""
    detail = re.split(r"\s+(?:instead of|rather than)\s+", detail, maxsplit=1)[0]  # what they do now
    if len(detail.split()) > DETAIL_WORDS:  # "the budget for her ward so she can stop waiting…"
        detail = DETAIL_SHORTER.split(detail, maxsplit=1)[0]
    if HOW_OFTEN.fullmatch(f" {detail}") or GOAL_AGAIN.match(detail) or LONE_PRONOUN.search(detail):
        # "day to day" says how often, not what about; "wants to know how to reply" says the goal again
        return ""
    return detail if 2 <= len(detail.split()) <= DETAIL_WORDS else ""


# Who the partner is, at a first meeting: "she runs procurement", "he's a data apprentice in the
# warehouse team", "my mentee is head of estates".
ROLE = re.compile(
    r"\b(?:she|he|they|(?:my\s+)?(?:new\s+)?(?:reverse\s+)?(?:mentee|mentor)(?:,?\s+who)?)"
    r"(?:(?P<is>'s|'re|s|\s+is|\s+are)|"
    r"\s+(?:(?P<verb>runs|leads|heads(?: up)?|manages)|works (?:in|on|for|at)))\s+"
    r"(?P<article>(?:a|an|the|our|a\s+new)\s+)?(?:whole\s+)?(?P<role>[^,.;!?()]+)",
    re.IGNORECASE,
)
# "she is nice" names no job: after "is", a role names one.
JOB = re.compile(
    r"\b(?:chief\s+exec(?:utive)?|head|director|manager|officer|apprentice|grad|graduate|intern|trainee|associate|"
    r"analyst|nurse|"
    r"engineer|lead|chief|ceo|cfo|coo|cto|cio|md|vp|partner|assistant|advis[eo]r|coordinator|consultant|"
    r"specialist|clerk|technician|teacher|student|developer|designer|executive|superintendent|inspector|"
    r"secretary|accountant|solicitor|doctor|administrator|admin|worker|agent|planner|buyer|"
    r"scientist|researcher|lecturer|professor|founder|owner|chair|principal|surveyor|paramedic|"
    r"constable|sergeant|surgeon|physician|clinician|pharmacist|midwife|matron|registrar|gp|gm|"
    r"head\s*teacher|governor|commissioner|dean|editor|producer|barrister|judge|architect|actuary|"
    r"underwriter|trader|banker|farmer|chef|president|treasurer|controller|ceo|boss|dev|programmer|"
    r"operative|porter|driver|receptionist|paralegal|carer|picker|mechanic|electrician|operator|"
    r"supervisor|representative|rep|handler|cashier|librarian|archivist|social worker|firefighter|"
    r"master|gardener|brewer|deckhand|captain|pilot|keeper|warden|ranger|curator|conductor|musician|baker|"
    r"butcher|cook|cleaner|caretaker|instructor|trainer|tutor|therapist|counsell?or|dentist|steward|vet|"
    r"zookeeper|nanny|plumber|joiner|welder|fitter|roofer|miner|fisherman|lifeguard|sommelier|barista)s?\b",
    re.IGNORECASE,
)
# Where the partner works, said after "is": "she's at a law firm", "he's from the council's
# planning team". A place names an organisation or a field; "she's at a conference" names neither.
PLACE = re.compile(
    r"^(?:in|at|from|with)\s+(?:(?:a|an|the|our|their|one of the)\s+)?(?:[\w'&-]+\s+){0,4}?"
    r"(?:firm|company|hospital|trust|nhs|council|bank|banking|school|academy|university|college|"
    r"department|dept|ministry|agency|charity|police|policing|constabulary|force|rail|railway|hotel|"
    r"farm|farming|estate|practice|plant|factory|retailer|retail|group|authority|insurer|insurance|"
    r"newspaper|newsroom|museum|prison|surgery|clinic|ward|sector|industry|network|authority|"
    r"partnership|housing|finance|law|legal|logistics|construction|utility|utilities|airline|"
    # a department: "she's in payroll", "he's in the comms team"
    r"payroll|hr|human resources|procurement|marketing|sales|operations|estates|facilities|accounts|"
    r"comms|communications|audit|compliance|treasury|customer services?|fundraising|recruitment)\b",
    re.IGNORECASE,
)
# Who the partner is, when the meeting is "with" them: "kick off chat with the chief constable".
# A job as a role names it: a few words, a job word or two, and where ("head gardener of the botanical
# gardens", "junior sound engineer at the concert hall").
JOB_PHRASE = (
    r"(?P<role>(?:[\w'’-]+\s+){0,3}?"  # ("our natural history museum's director")
    + JOB.pattern[2:]
    # a second job word, or a few words and one ("chief nursing officer"), or a trade the list
    # lacks ("head winemaker"): the whole title, not "head"
    + r"(?:\s+(?:(?:[a-z-]+\s+){0,2}?"
    + JOB.pattern[2:]
    + r"|[a-z]{3,}(?:maker|keeper|smith|wright|er|or|ist|ian)\b))?(?:\s+(?:of|at|in|for)\s+[^,.;!?()]+)?)"
)
WITH_ROLE = re.compile(
    # ("… with the coo", "first session w/ the coo", "meeting the head of the zoo's conservation team")
    r"(?:\b(?:with|meeting|meet)\s+(?:my\s+(?:new\s+)?(?:reverse\s+)?(?:mentee|mentor),?\s+)?|"
    # "w the water company ceo", "meet first time the airport operations director"
    r"\bw/\s*|\bw\s+(?=(?:the|our)\s)|\bmeet\s+(?:for\s+)?(?:the\s+)?first\s+time\s+|\b(?:mentee|mentor),\s+)"
    r"(?:the|a|an|our)\s+" + JOB_PHRASE,
    re.IGNORECASE,
)
# ... or a post the job words lack, said of the one met: "first meeting with a magistrate who sits
# on our board" (not "the guy who runs IT": a person, not a post)
WHO_ROLE = re.compile(
    r"\b(?:with|meeting|meet|w/)\s+(?:the|a|an|our)\s+"
    r"(?!(?:guy|man|woman|lady|bloke|person|chap|girl|boy|fella|friend|colleague|mentee|mentor|someone|"
    r"one|new|old|senior|junior|lovely|nice)\b)(?P<role>[a-z-]{4,})\s+who\b",
    re.IGNORECASE,
)
# ... or set beside the partner without an article: "my senior mentee, head gardener of the
# botanical gardens, wants to learn…"
APPOSED_ROLE = re.compile(r"\b(?:mentee|mentor),\s+" + JOB_PHRASE, re.IGNORECASE)
# A detail that only says someone's job: "im the chief nurse", "she's head of hr".
SELF_ROLE = re.compile(
    r"^(?:i'?m|i am|(?:she|he)(?:'s|s| is)|they(?:'re| are)|"
    r"(?:my\s+)?(?:reverse\s+)?(?:mentee|mentor)(?:'s| is))"
    r"\s+(?:(?:a|an|the|our|their)\s+)?(?:[\w-]+\s+){0,3}?"
    + JOB.pattern
    + r"(?:\s+of\s+[\w&\s]+)?[.!]*(?:[,;].*)?$",
    re.IGNORECASE,
)
ROLE_END = re.compile(
    r"\s+(?:and|but|who|so|which|&|\+|n|lol|i'm|im|i|we|apparently|tho|though|next|tomorrow|tonight|"
    r"today|this\s+(?:week|morning|afternoon)|on\s+\w+day|what|how|any|"
    # "a 24yo data analyst teaching me about AI tools": the job, not what they do in the pair
    r"(?:teaching|showing|helping|mentoring|coaching|training|explaining)\s+(?:me|us|him|her|them)|"
    # "the head of conservation for our first mentoring chat": which session, not the job
    r"for\s+(?:our|my|a|the)\s+(?:first|1st|next|last|final|initial|intro|second|third)|tmrw|tmr|tomoz|"
    # "the operations director for reverse mentoring": the scheme, not the job
    r"(?:for|on|in)\s+(?:the\s+|our\s+)?(?:reverse\s+)?mentoring|(?:mon|tues?|wed|thurs?|fri)s?)\b.*$",
    re.IGNORECASE,
)
ROLE_WORDS = 8
NEW_IN_POST = re.compile(
    r"^(?:brand\s+)?new\s+(?!business\b)(?=(?:[\w-]+\s+){0,2}?" + JOB.pattern[2:] + ")", re.IGNORECASE
)
LEADING = {"runs": "running", "leads": "leading", "heads": "heading", "manages": "managing"}
AGE = re.compile(r"^\d{2}\s*(?:yo|y/o|yrs? old|years? old|year-old)\s+", re.IGNORECASE)


KEY_ROLE = re.compile(r"\b(?:mentee|mentor)\s*[=:]\s*([^,.;=]+?)\s*(?:[,.;]|$)", re.IGNORECASE)


# Where the partner works, said as a place: "he works in the contact centre", "she is 23 and works
# at a water utility" (the question asks about "your role in the contact centre").
WORKS_IN = re.compile(
    r"\b(?:she|he|they|mentee|mentor|and|who)\s+works?\s+(?P<prep>in|at|for)\s+"
    r"(?P<role>(?:(?:a|an|the|our)\s+)?[^,.;!?()]+)",
    re.IGNORECASE,
)


def topic_role(topic: str) -> str:
    """The partner's job as the topic names it ("head of estates"), or where they work ("in the
    contact centre"), or ""; said in brackets too ("my reverse mentor (works in the warehouse team,
    night shifts)"), when the rest names none."""
    role = role_said(QUOTES.sub("", PARENTHESES.sub("", topic)), topic)
    if not role and DASH.search(topic):  # "first meeting with my mentee - head of estates"
        role = role_said(DASH.sub(", ", QUOTES.sub("", PARENTHESES.sub("", topic))), topic)
    if not role and (keyed := KEY_ROLE.search(topic)):  # "mentee = ops director, topic = …"
        role = role_said(f"she's {keyed.group(1)}", topic)
    for aside in ASIDES.findall(topic) if not role else ():
        named = aside.split(",")[0].strip()  # "(forklift driver, 19)": a job alone
        if WORKS.match(aside):
            aside = f"she {aside}"
        elif JOB.search(named) and len(named.split()) <= ASIDE_ROLE_WORDS and not PRONOUN.match(named):
            aside = f"she's {named}"
        role = role_said(aside, topic)
        if role:
            break
    return role


ASIDES = re.compile(r"\(([^()]*)\)")
DASH = re.compile(r"\s+[-–—]\s+")
ASIDE_ROLE_WORDS = 4
PRONOUN = re.compile(r"(?:she|he|they|i|we)\b", re.IGNORECASE)
WORKS = re.compile(r"works?\s+(?:in|at|for)\b", re.IGNORECASE)


def role_said(said: str, topic: str) -> str:
    """The role named in `said`, part of `topic` (topic_role)."""
    if works := WORKS_IN.search(said):
        place = ROLE_END.sub("", works.group("role")).strip(" .-–—:,!?")
        unclear = place.lower() in ("", "it", "this", "that", "there")  # "works in it": IT, or unclear
        if (
            unclear
            or NOT_WORDS.search(place)
            or len(place.split()) > ROLE_WORDS
            or is_instruction_like(topic)
        ):
            return ""
        return f"{works.group('prep').lower()} {place}"
    found = ROLE.search(said)
    if (
        found
        and found.group("is")
        and not (JOB.search(found.group("role")) or PLACE.match(found.group("role")))
    ):
        found = None  # "she is nice" names no job
    found = found or WITH_ROLE.search(said) or APPOSED_ROLE.search(said) or WHO_ROLE.search(said)
    role = ROLE_END.sub("", found.group("role")).strip(" .-–—:,!?") if found else ""
    role = AGE.sub("", role)  # "a 23 yo apprentice": the job, not the age
    # "the new chief nursing officer": the post, not how new ("new business manager" names a department)
    role = NEW_IN_POST.sub("", role)
    if not role or NOT_WORDS.search(role) or is_instruction_like(topic) or ABOUT_THE_REQUEST.search(role):
        return ""
    if len(role.split()) > ROLE_WORDS:
        return ""
    if found and (verb := found.groupdict().get("verb")):  # WITH_ROLE has no verb
        # "she runs the logistics hub": "running the logistics hub", said as a role
        article = (found.group("article") or "").lower()
        return f"{LEADING[verb.split()[0].lower()]} {article}{role}"
    return role


# "…, 6 months, linkedin + canva mostly": what they covered, said after how long.
COVERED_AFTER = re.compile(
    r"\b(?:\d+|two|three|four|five|six|eight|nine|ten|twelve|a few)\s+(?:months|weeks|sessions)\s*[,:;-]\s*"
    r"(?P<list>[^,.;]+?)\s+(?:mostly|mainly|largely)\b",
    re.IGNORECASE,
)


def topic_covered(topic: str) -> str:
    """What the pair says it covered over the programme ("linkedin, then chatgpt"), or ""."""
    found = COVERED.search(QUOTES.sub("", topic)) or COVERED_AFTER.search(QUOTES.sub("", topic))
    covered = DETAIL_END.sub("", found.group("list")).strip(" .-–—:,") if found else ""
    covered = NEXT_PERSON.split(covered, maxsplit=1)[0]  # "canva for the posters and he teach me…"
    if NOT_WORDS.search(covered) or is_instruction_like(topic):
        return ""
    return covered if 0 < len(covered.split()) <= DETAIL_WORDS else ""


# A topic that says what the partner does ("my mentee wants…", "he pulls…") calls them "his" or
# "her"; a question asked of that partner calls them "your".
ABOUT_PARTNER = re.compile(
    r"^(?:help(?:ing)?\s+)?(?:(?:(?:my|our)\s+)?(?:reverse\s+)?(?:mentee|mentor)|he|she|hes|shes)\b",
    re.IGNORECASE,
)
THIRD_PERSON = {"his": "your", "her": "your", "himself": "yourself", "herself": "yourself", "him": "you"}
# "excel pivot tables, he builds the overtime report by hand": the partner, told of after the
# subject, when nobody else is named who "he" or "she" could be.
PARTNER_AFTER = re.compile(
    r"(?:[,;:.]|\s[-–—]+|\s(?:and|but|so|as))\s+(?:he|she)\s+(?!said|says|told|thinks)[a-z']+", re.I
)
SOMEONE_ELSE = re.compile(
    r"\b(?:my|our|his|her|the|a)\s+(?:boss|(?:line\s+)?manager|director|ceo|cfo|coo|colleague|team lead|"
    r"supervisor|pa|assistant|client|customer|patient|student|nurse|doctor|volunteer|friend|vicar|coach)\b",
    re.IGNORECASE,
)


def partner_said_after(topic: str) -> bool:
    """The topic names a skill, then tells of the partner as "he" or "she" ("linkedin - she wants
    to post about the new unit"), and nobody else it could be."""
    return bool(PARTNER_AFTER.search(topic)) and not RELATIVE.search(topic) and not SOMEONE_ELSE.search(topic)


def to_partner(words: str, topic: str) -> str:
    """The pair's words as put to the partner: "sell his late wife's craft supplies" becomes "sell
    your late wife's craft supplies", and "before he upgrades" "before you upgrade", when the topic
    is about what the partner does."""
    # "questions for my mentee about her allotment's whatsapp group" is about the partner too
    topic = without_stage(topic.strip())  # "3rd session w my mentee - she runs estates and…"
    words = re.sub(rf"\b(?:my|our)\s+{PARTNER}'?s\b", "your", words, flags=re.IGNORECASE)  # "my mentee's mum"
    if not (ABOUT_PARTNER.match(topic) or REQUEST_WRAPPER.match(topic) or partner_said_after(topic)):
        return words
    words = re.sub(
        r"\b(?:he|she)'(ll|d)\b", r"you'\1", words, flags=re.IGNORECASE
    )  # "she'll try" → "you'll try"
    words = HE_SHE.sub(lambda found: f"you {second_person(found.group(2))}", words)
    # "driving her nuts", "told her", "with her": the partner, not what is theirs
    words = re.sub(r"\b(?:her|him)(?=\s+(?:nuts|mad|crazy|up|down|out|off)\b|\s*[,.;!?]|\s*$)", "you", words)
    words = re.sub(r"\b(?:he|she)(?:'s|s)\b", "you're", words, flags=re.IGNORECASE)
    # "like it was his, didnt even mention me": his own, said alone, is "yours"
    words = re.sub(r"\b(?:his|hers)(?=\s*(?:[,.;!?]|$))", "yours", words, flags=re.IGNORECASE)
    return re.sub(
        r"\b(his|her|himself|herself|him)\b",
        lambda found: THIRD_PERSON[found.group(1).lower()],
        words,
        flags=re.I,
    )


HE_SHE = re.compile(r"\b(he|she)\s+([a-z']+)\b", re.IGNORECASE)
IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "isnt": "aren't",
    "wasn't": "weren't",
    "doesn't": "don't",
    "doesnt": "don't",
    "hasn't": "haven't",
}


def second_person(verb: str) -> str:
    """ "upgrades" → "upgrade", "is" → "are", "can" → "can"."""
    word = verb.lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return verb[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return verb[:-1]
    return verb


# Verbs a skill told as an activity starts with ("make a slideshow", "sort out online payments"):
# a question quotes it as "making a slideshow", and skips the questions that need a tool's name
# ("What do you use … for?").
ACTIVITY_VERB_LIST = (
    "use make set sort move get learn edit post start create build write find share back send book "
    "order buy sell pay plan track record print scan upload download organise organize manage run "
    "keep stop block turn put install update upgrade switch change join film take play read watch "
    "search shop save add fix tidy store transfer convert design code stream host type text call map "
    "protect secure spot check understand improve draft summarise summarize present translate "
    "digitise digitize apply budget claim register sign log connect sync automate schedule prepare "
    "migrate go do try see teach show help reach grow speak"
)
ACTIVITY_VERBS = frozenset(ACTIVITY_VERB_LIST.split())
# Longer verbs stressed on their last syllable, which double their last letter: "forgetting".
STRESSED_LAST = frozenset(
    {"forget", "admit", "submit", "commit", "prefer", "regret", "begin", "permit", "control", "refer"}
)
NO_DOUBLING = frozenset({"edit", "open", "visit", "order", "offer", "enter", "budget", "target", "limit"})


def gerund(verb: str) -> str:
    """ "make" → "making", "set" → "setting", "sort" → "sorting"."""
    word = verb.lower()
    if word.endswith("ie"):
        return verb[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return verb[:-1] + "ing"
    vowels = "aeiou"
    doubles = word in STRESSED_LAST or (
        len(word) <= 4
        and word not in NO_DOUBLING
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    )
    return verb + (verb[-1] if doubles else "") + "ing"


def as_activity(phrase: str) -> str | None:
    """A phrase that starts with a verb, as an activity ("make a slideshow" → "making a
    slideshow"; "setting up parental controls" stays); None for a thing ("excel formulas")."""
    words = phrase.split()
    if not words:
        return None
    first = words[0].lower()
    if first in ACTIVITY_VERBS:
        words[0] = gerund(words[0])
    elif first not in ACTIVITY_GERUNDS:
        return None
    # a second verb joined by "and" follows the first: "stopping printing and using onedrive"
    for index in range(1, len(words) - 1):
        if words[index].lower() in ("and", "&", "then") and words[index + 1].lower() in ACTIVITY_VERBS:
            words[index + 1] = gerund(words[index + 1])
    return " ".join(words)


# "making", and the plain "-ing" of each verb as people also type it.
ACTIVITY_GERUNDS = frozenset(
    {gerund(verb) for verb in ACTIVITY_VERBS} | {f"{verb}ing" for verb in ACTIVITY_VERBS}
)


# Words that place a skill in life outside work ("the grandkids", "our allotment society", "the
# village hall"): the questions that assume it is for the person's job are left out.
OUTSIDE_WORK = re.compile(
    r"\b(?:family|families|kids?|children|grand(?:kids?|children|son|daughter|ma|pa)s?|sons?|daughters?|"
    r"wife|husband|mum|mom|dad|parents|grandparents|(?:my|our) house|garden(?:ing)?|allotment|hobby|"
    r"hobbies|club|church|parish|choir|holidays?|vacation|weekends?|neighbou?rs?|village|wedding|birthday|dog|pets?|"
    r"(?:tenants|residents)'? association|"
    r"retire(?:d|ment)|personal(?!\s+(?:brand|profile|development))|outside (?:of )?work|for fun|knitting|"
    r"genealogy|family tree)(?:'?s)?\b",
    re.IGNORECASE,
)
# ... and, for choosing a topic module, only the words that cannot be about work: family, hobbies,
# clubs, home ("no emails at weekends" and "children's services" are about work).
HOME_LIFE = re.compile(
    r"\b(?:family|families|grand(?:kids?|children|son|daughter|ma|pa)s?|(?:my|our|his|her|their)\s+"
    r"(?:kids?|children|sons?|daughters?|wife|husband|mum|mom|dad|parents|grandparents|house|home)|"
    r"allotment|hobby|hobbies|club|church|parish|choir|neighbou?rs?|village|wedding|birthday|pets?|"
    r"household|(?:tenants|residents)'? association|"
    r"retire(?:d|ment)|outside (?:of )?work|for fun|knitting|genealogy|family tree)(?:'?s)?\b",
    re.IGNORECASE,
)


# What the partner is afraid of, told after the topic: "…and is now terrified of email", "scared of
# trolls", "worried about getting it wrong in public". Up to the end of its clause, at most
# WORRY_WORDS words.
WORRY = re.compile(
    r"\b(?:scared|terrified|frightened|afraid|worried|nervous|anxious|wary|petrified|paranoid)\s+"
    r"(?:of|about|by)\s+(?P<what>[^,.;:!?()]+?)\s*(?=$|[,.;:!?()]|\s+(?:but|and|so|because|since|lol|tbh)\b)",
    re.IGNORECASE,
)
WORRY_WORDS = 8
# What someone holds true, told after the topic: "he thinks people working from home are slacking",
# "she reckons AI is cheating". What follows is quoted as something "some people say".
BELIEF = re.compile(
    r"\b(?:he|she|they|(?:my|our)\s+(?:reverse\s+)?(?:mentee|mentor|boss))\s+"
    r"(?:really\s+|honestly\s+|genuinely\s+|still\s+)?"
    r"(?:thinks?|believes?|reckons?|is convinced|'s convinced|assumes?|keeps saying)\s+(?:that\s+)?"
    r"(?P<what>[^,.;:!?()]+?)\s*(?=$|[,.;:!?()]|\s+(?:but|so|because|since|lol|tbh)\b)",
    re.IGNORECASE,
)
BELIEF_WORDS = (3, 12)
# ... not a belief about the pair or the writer ("she thinks I'm too young"): those are the pair's
# own matter, for coaching, not a question to open with.
ABOUT_US = re.compile(r"\b(?:i|i'm|im|me|my|we|us|our)\b", re.IGNORECASE)


def topic_worry(topic: str) -> str:
    """What the partner is afraid of, as the topic tells it ("trolls", "email"), or ""."""
    found = WORRY.search(topic)
    if not found:
        return ""
    what = found.group("what").strip()
    return what if 0 < len(what.split()) <= WORRY_WORDS and not NOT_WORDS.search(what) else ""


def topic_belief(topic: str) -> str:
    """What the partner holds true, as the topic tells it ("people working from home are
    slacking"), or "" (also for a belief about the writer or the pair)."""
    found = BELIEF.search(topic)
    if not found:
        return ""
    what = found.group("what").strip()
    shortest, longest = BELIEF_WORDS
    if not shortest <= len(what.split()) <= longest or ABOUT_US.search(what) or NOT_WORDS.search(what):
        return ""
    return "" if SAYS_NOTHING.match(what) else what


# "my mentor thinks that's a problem": a verdict on what was said before, which says nothing of its own
SAYS_NOTHING = re.compile(
    r"^(?:(?:that|it|this)(?:'s|’s| is| was)\s+)?(?:(?:a|an|the|a bit of a|a real|a big)\s+)?"
    r"(?:problem|issue|thing|mess|nightmare|challenge|concern|worry|no[- ]go)[.!?]*$"
    # what the writer asks of the companion: "where do we start"
    r"|^(?:so\s+)?(?:where|how)\s+(?:do|should|shall|can|would)\s+(?:we|i)\s+(?:even\s+)?(?:start|begin)\b.*$",
    re.IGNORECASE,
)


# What a first meeting says the pair will work on: "we're supposed to focus on digital rostering",
# "she wants to work on linkedin".
FOCUS = re.compile(
    r"\b(?:focus(?:ing)?\s+on|work(?:ing)?\s+on|"
    r"(?:wants?|hopes?|needs?)\s+to\s+(?:learn|get better at|look at|understand)|"
    r"(?:supposed|meant|going|planning)\s+to\s+(?:focus on|cover|do|look at|work on))\s+"
    r"(?P<focus>[^,.;!?()]+)",
    re.IGNORECASE,
)
FOCUS_WORDS = 6


def topic_focus(topic: str) -> str:
    """What a topic says the pair will work on ("digital rostering"), in at most FOCUS_WORDS words;
    "" when it says none."""
    found = FOCUS.search(topic)
    focus = TOPIC_TAIL.sub("", found.group("focus")).strip() if found else ""
    focus = HOW_OFTEN.sub("", focus)
    if (
        not focus
        or NOT_WORDS.search(focus)
        or len(focus.split()) > FOCUS_WORDS
        or PERSON_ONLY.fullmatch(focus)
    ):
        return ""
    return focus
