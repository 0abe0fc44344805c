"""Reading a person's session notes: the clauses they wrote, what each says (happened, felt, went
wrong or well, comes next, was agreed and did not happen, a question left open, a mishap laughed
off), and whether the session had a hard moment.

The cues are short lists of words, because they must be explainable to the person reading the
prompts. Words someone *said* ("told him his emails “come across badly”", "she said my headline
was a bit awkward") are the message, not how the session went: a feeling or a hard word inside
them does not make a clause a feeling, nor the session a hard one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# People an angry word may describe who are not in the session ("3 angry callers in a row").
THIRD_PARTIES = (
    r"(?:callers?|customers?|clients?|residents?|patients?|emails?|parents?|tenants?|passengers?|"
    r"members of the public|comments?|replies|messages|tweets?|posts?|people|users?|students?)\b"
)
# A regret, which says what to do if it happens again: "i wish i'd asked what he meant".
REGRET = (
    r"\b(?:i|we) (?:really |kind of |kinda )?wish (?:i|we)(?:'?d| had) (?!not\b)\w+|"
    r"\b(?:i|we) should(?: have|'ve|ve| of) (?:just )?(?:asked|said|stopped|checked|explained|told|"
    r"listened|let|paused|slowed|challenged|pushed|spoken|prepared|named|called)\b"
)
# Missing someone, which is a feeling and no plan: "i'll genuinely miss this".
MISSING = r"(?:really |so |truly |definitely |genuinely |honestly |actually )?miss"
# What a clause of the notes says, read from a few words people use for it.
CUES = {
    "felt": r"\b(felt|feel|feeling|embarrass\w*|nervous|proud|anxious|frustrat\w*|awkward|worried|upset|"
    r"cried|cry|relieved|excited|stupid|hurt|"
    rf"angry(?!\s+{THIRD_PARTIES})|ashamed|uncomfortable|scared|happy|glad|shaken|shook|"
    r"gutted|awful|mortified|exposed|rattled|hated|thrilled|"
    rf"(?:going to|gonna|will|i'll|ill) {MISSING}|sad|"
    r"disappointed|overwhelmed|stressed|knackered|exhausted|drained|annoyed|irritated|lonely|tired|"
    r"stung|stings|daft|silly|humbling|humbled|depress\w*|comforting|comforted|reassured|bittersweet|"
    r"flustered|deflated|chuffed|out of (?:my|his|her|their) depth|"
    # something that unsettled the writer: "slightly unnerving how fast", "a bit creepy tbh"
    r"unnerv\w*|unsettl\w*|creepy|creeped out|disconcerting|alarming|alarmed|spooked|uneasy|"
    # a doubt about the partner or the pairing: "not sure he's committed", "wondering if she's bored"
    r"not sure (?:he|she|they)(?:'s| is| are| was| were| will|'ll)|"
    # "not sure i want my kids on it now", "not sure it landed"
    r"not sure (?:i|we) (?:want|like|trust|agree|buy)|"
    r"not sure (?:it|that|this) (?:really )?(?:landed|worked|helped|went down|came across|made sense|"
    r"sank in)|"
    r"wonder(?:ing)? (?:if|whether) (?:he|she|they)|"
    # "I've been thinking about it all evening"
    r"thinking about it all|(?:keep|kept|can'?t stop) thinking about|"
    r"shaking(?! hands)|"
    r"like (?:an? )?(?:idiot|fool|fraud|dinosaur)|emotional|teary|tearful|welled up|teared up|"
    r"tear(?:ing)? up|made me cry|choked up|lump in my throat|"
    r"wind out of (?:me|my sails)|knocked (?:me|my confidence)|crushed|"
    # "it's been bugging me all day", "which is terrifying"
    r"bugging me|bugged me|got to me|gets to me|niggl\w*|terrif(?:ied|ying)|daunting|nerve[- ]?wracking|"
    r"scary|intimidat\w*)\b",
    # (not doing something unkind is no mistake: "he listened properly, didnt try to fix it")
    "wrong": r"\b(wrong|mistake\w*|fail\w*|(?:didn'?t|did not)(?! (?:try to fix|interrupt|judge|mind|rush|"
    r"panic|push(?! back)|expect|lecture|talk over|get defensive|take offen[cs]e|laugh at|patronise|"
    r"patronize|dismiss))|"
    r"couldn'?t|could not|wasn'?t|broke|error\w*|by accident|accidentally|by mistake|"
    r"defensive|missed|left out|forgot|made up|invented|fell for|counts? \w+ twice|"
    # ("what's stuck" is what was kept)
    r"badly|struggl\w*|(?<!what's )(?<!whats )(?<!what has )(?<!what )stuck|lost|confus\w*|hard|awkward|"
    r"dismiss\w*|interrupt\w*|ran out of time|"
    r"over ?ran|ran (?:\d+ \w+ )?over|rushed|too (?:fast|quick|slow|much|many|long|basic|technical)|"
    r"distracted|bored|"
    r"kept (?:checking|looking at|scrolling|glancing)|on (?:his|her|their) phone|clumsi\w*|tough|"
    r"not ideal|went blank|mind went blank|cancel\w*|no[- ]show|"
    r"(?:turned|showed|rocked) up (?:\w+ ){0,3}late|late again|"
    # "I still don't really get why it happened"
    r"(?:don'?t|dont|do not) (?:really |fully |quite )?(?:get|understand)|no idea why|"
    r"still (?:confused|unsure))\b",
    # ("how he found the induction" is how it went for him, not a find)
    "well": r"\b(worked|went well|(?<!how he )(?<!how she )(?<!how they )(?<!how you )(?<!how i )found|"
    r"managed|breakthrough|got it|figured|clicked|success\w*|great|"
    r"loved|enjoy\w*|learn\w*|"
    # "it went better than I feared"; the partner's own discovery: "she admitted she'd never thought
    # about who is in the office on which day"
    r"(?:went|was) (?:much |a lot |way )?better than (?:i |we )?(?:feared|expected|thought)|"
    r"(?:admitted|realised|realized|said) (?:that )?(?:he|she|they)(?:'d| had) never (?:thought|considered|"
    r"realised|realized|noticed)|"
    # a change that stuck: "she posts on linkedin now without asking me", "I've gone from never
    # opening ChatGPT to using it for every first draft", "I use Teams channels daily now"
    r"(?:posts?|uses?|runs?|checks?|writes?|does|opens?|shares?) (?:[\w']+ ){0,4}(?:now|daily|every day|"
    r"every week|without (?:asking|help|me))|gone from [^.!?]{3,60}? to|changed more than|"
    r"(?:changed|grown) (?:so much|a lot|loads))\b",
    # a lesson the writer draws: "lesson: check the filters", "takeaway - less text on slides"
    "learnt": r"\b(?:lessons?(?: learnt| learned)?|takeaways?|take-aways?|moral of the story|note to self|"
    r"key learning|what i learn(?:t|ed) (?:is|was))\s*[:\-–—=]|\blesson (?:is|was|learnt|learned)\b|"
    # "I learnt more about how juniors feel than about tiktok", "realised i over-explain" (not a
    # skill: "i learnt to use pivot tables", "learnt how to filter")
    r"\b(?:i|we)(?:'ve|ve| have)? (?:really |actually |finally )?(?:learnt|learned|realised|"
    r"realized)\b(?! to\b| how\b)|^(?:and |then |but )?(?:realised|realized)\b|"
    # "I had not realised how it feels from the other side"
    r"\b(?:i|we) (?:had not|hadn'?t|hadnt|never|did not|didn'?t|didnt) (?:really )?"
    r"(?:realised|realized|realise|realize|thought about|considered)\b|"
    # an explanation the writer found: "which i think is why he's hesitant to post"
    r"\b(?:which|that|this) (?:i think |i reckon |i suspect |probably )?(?:is|was|'s) (?:probably )?why\b|"
    # "which explains a lot about my announcements"
    r"\b(?:which|that|this|it) (?:probably |kind of |kinda )?explains (?:a lot|why|so much|everything)\b|"
    r"\b(?:i think|i reckon|i suspect) (?:that'?s|this is|it'?s) (?:why|the reason)\b|"
    # "I was surprised how much the wording matters"
    r"\b(?:i was|i'm|im|was) (?:really |so |quite )?(?:surprised|amazed|struck by) (?:how|that|at how|"
    r"by how)\b|"
    # "Did not know that.", "bit of a wake up call honestly"
    r"^(?:i |we )?(?:did not|didn'?t|didnt|never) (?:know|knew|realise|realize) (?:that|this)\W*$|"
    r"\b(?:wake[- ]?up call|eye[- ]open(?:er|ing)|penny dropped|light ?bulb moment)\b|"
    # what the writer would do again differently: "I said I'd have practised between sessions"
    r"\b(?:i|we)(?:'d|d| would) have (?!to\b)\w+(?:ed|en|ne)\b|"
    # "but I get why the grads use it", "now i understand why he prints everything"
    r"\b(?:i|we) (?:now |finally |kind of |kinda |totally )?(?:get|understand|see) (?:now )?why\b",
    "next": rf"{REGRET}|\bne?xt\s*:|(?<!the )(?<!our )\bgoals?\s*[:\-–]|"
    r"\b(ne?xt time|ne?xt week|ne?xt (?:session|sesh)|next up|next steps?|"
    # a to-do ("to do: send the link"), not "he doesn't want to do this"
    r"to[- ]?do(?=\s*[:\-–])|to[- ]?do\s+list|to[- ]?dos|todo|things to do|"
    # ("i'll miss our chats" is a feeling, not a plan)
    rf"(?:i'll|i will|we'll|we will|gonna)(?! {MISSING})|homework|actions?\s*:|"
    # a plan without its subject ("Will practise with the finance channel on Monday") or by a day
    r"^\s*(?:and\s+|then\s+|so\s+)?will(?! miss)|by (?:mon|tues|wednes|thurs|fri)day|"
    r"by (?:the )?end of(?! (?:the )?(?:day|session|hour|call|meeting))|"
    r"(?:this|next) (?:mon|tues|wednes|thurs|fri)day|"
    # ("he doesn't want to do this" is no plan)
    r"(?<!n't )(?<!nt )(?<!not )(?:want|wants|wanna|hope|hopes|would like|'d like|plan|plans|aim|aims) to|"
    r"(?<!n't )(?<!nt )(?<!not )(?:need|needs) to|"
    r"i'm going to(?! miss)|(?<!not )(?<!n't )(?<!nt )(?<!never )going to(?! miss)|"
    r"(?<!open )(?<!open-)(?<!floor )plan(?!ners?\b)\w*|"
    r"tomorrow|will try|want to try|try it|from now on|committed to|promised to|i'?ve agreed to|"
    # a plan not yet settled: "maybe move to mornings?", "perhaps we should try a shorter slot"
    r"(?:maybe|perhaps)\s+(?:we\s+|i\s+)?(?:should\s+|could\s+)?(?:move|switch|swap|try|change|start|ask|book|shift)|"
    # "I think I need advice from the programme lead on that"
    r"(?:need|needs|get|ask for|seek) (?:some )?(?:advice|help|support|guidance) (?:from|on)|"
    # what was agreed or promised ("we agreed hed keep posting monthly", "i said id introduce her")
    r"we(?: have|'ve)? agreed|agreed (?:to|that|on)|i said i'?d|"
    r"(?<!until )(?<!when )(?<!then )(?:he|she|they) asked (?:me|us) to|"
    r"(?:he|she|they) wants? (?:me|us) to|i'd (?:introduce|check|send|follow|book)|"
    r"(?:he|she|they)'ll|(?:he|she|they) will|check in (?:in|on|at|by)|"
    # the next meeting fixed: "meeting again in 2 weeks", "booked the next one for the 14th"
    r"(?<!won't )(?<!wont )(?<!not )(?<!never )(?<!won't be )"
    r"(?:meeting|meet|see each other|catch(?:ing)? up) again|"
    r"booked (?:in )?(?:the )?(?:next|another)|"
    # goals set for the sessions to come: "we set 3 goals (teams, ai, understanding hybrid)"
    r"(?:set|agreed|picked|chose|wrote down) (?:\w+ )?goals|we'?d (?:get|grab|have|go for) (?:a )?coffee)\b",
    "observed": r"\b(observ\w*|shadow\w*|sat in on|watched (?:him|her|them) run)\b",
}
# Something that was to happen and did not ("we were meant to try copilot", "planned to cover the
# survey"): what went wrong, not what comes next.
NOT_DONE = (
    # (not "today was meant to be Libby", "it was supposed to be a quick one": what it was about)
    r"\b((?:was|were) (?:meant|supposed|going|planning) to(?! be\b)|planned to|"
    r"had (?:planned|hoped|meant) to|"
    r"intended to|never got (?:to|round|around)|didn'?t get (?:to|round|around)|didnt get (?:to|round|"
    r"around)|"
    r"(?:didn'?t|didnt|did not|never) manage to|"
    # "still hasnt tried copilot"
    r"(?:hasn'?t|haven'?t|hasnt|havent|has not|have not)\s+(?:yet\s+)?(?:tried|done|started|used|posted|"
    r"finished|set up|managed|got round|"
    # "i still havent asked him if i can take over tech help tuesdays"
    r"asked|raised|mentioned|told|sent|booked|emailed|spoken to|talked to|checked|informed|shown|"
    r"followed up|said anything|said a word)|"
    # "Not raised with finance yet.", "not told the others either"
    r"^(?:and |but )?not (?:yet )?(?:raised|asked|told|sent|informed|mentioned|spoken to|talked to)|"
    # "that afternoon has been postponed twice, both times by me"
    r"(?:postponed|cancell?ed|canceled|pushed back)\b[^.!?]{0,30}\bby me)\b"
)
# A promise or plan that was not kept: "he promised to try posting in the channel and hadnt", "she
# said she'd send me the guide but nothing came", "we were supposed to do the prompt thing". Not what
# went wrong in the session, nor what comes next: something agreed that did not happen, which the
# pair needs to talk about without blame.
UNKEPT = (
    rf"{NOT_DONE}|"
    r"\b(?:promised|agreed|offered|said (?:he|she|they|i|we)(?:'?d| would| will|'?ll))\b[^.!?]{0,80}?"
    r"\b(?:but|and|yet)\s+(?:(?:he|she|they|i|we|it)\s+)?(?:still\s+)?(?:hadn'?t|hadnt|had not|hasn'?t|hasnt|"
    r"didn'?t|didnt|did not|never|not yet|forgot|nothing)\b|"
    r"\b(?:forgot to(?! (?:mention|say|ask|cover|show|tell|explain|add))|nothing (?:came|arrived|turned up)|"
    r"never (?:sent|came|arrived|turned up|showed|did it|"
    r"happened|got back)|(?:didn'?t|didnt|did not) (?:send|bring|do (?:it|the)|turn up|show up|get back))\b"
)
# The words after "but" that only say the clause before did not happen, kept with it: "… but
# nothing came", "… but hasnt yet", "i was annoyed but didnt say".
SHORT_TAIL = 3  # words

# A hard moment, as against a hiccup ("kept replying in the wrong thread lol"): a strong feeling,
# a moment that hurt someone or the pair, or a mistake made in front of the other person.
HARD = (
    # "cried laughing" is laughter, not tears
    r"\b(embarrass\w*|mortif\w*|ashamed|humiliat\w*|"
    # nor "laughed until we cried", "crying from laughing", "tears of laughter"
    r"(?<!until we )(?<!till we )(?<!until i )(?<!till i )(?<!until they )"
    r"(?:cried|crying)(?! (?:from |with |of )?laugh\w*)|"
    r"tears(?! of laughter)|upset\w*|hurt|"
    # an angry caller handled by someone else is not the session's hard moment
    rf"angry(?!\s+{THIRD_PARTIES})|furious(?!\s+{THIRD_PARTIES})|"
    r"defensive|offend\w*|went badly|badly|awful|horrible|overst\w*|landed wrong|came out wrong|"
    # ("said the wrong thing", not "clicked the wrong thing": a mishap)
    r"(?:said|say|says|saying) (?:\w+ )?wrong thing|face (?:drop\w*|fell)|"
    r"went (?:very |really |a bit |all |completely )?quiet|snapped|"
    r"argu\w*|clash\w*|uncomfortable|stupid|"
    r"gutted|apologi\w*|made it worse|rubbish|disaster|tense|tension|dread\w*|patronis\w*|shame\b|"
    # the body tells it: "my hands was shaking the whole time after", "her voice went small"
    r"(?:hands?|voice|legs|knees) (?:was |were |are |is |kept |started )?(?:shaking|trembling|shook)|"
    r"voice (?:went|got|was|became) (?:very |really |so )?(?:small|quiet|tiny|shaky|wobbly)|"
    r"talked down|singled out|in ?front of|criticis\w*|shaken|rattled|knackered|daft|"
    r"wrong in front|upsetting|awkward|frustrat\w*|stressed|stung|exposed|vulnerable|"
    # "i froze", "got emotional", "rough one", "felt my face go hot", "he cut me off"
    # "felt my cheeks burn", "he got quite sharp with me", "had to admit I'd been copying her clicks",
    # "felt about 12 years old", "felt like a fraud"
    r"(?:cheeks?|face|ears) (?:burn\w*|go hot|went hot)|sharp with me|had to admit|"
    r"felt (?:about |like )?(?:a |an )?(?:\d+|child|kid|schoolboy|schoolgirl|fraud|impostor|imposter|idiot|"
    r"fool|dinosaur|spare part|naughty)\b|"
    r"i froze|froze up|got emotional|(?:was|felt|bit|quite|very) emotional|teary|tearful|"
    r"rough (?:one|session|sesh|day|meeting|hour)|(?:that|it) was rough|annoyed|irritated|"
    # "hard convo", "difficult conversation": the writer says the session was a hard one
    r"(?:hard|tough|difficult|heavy|uncomfortable) (?:convo|conversation|chat|talk|session|sesh|one)|"
    r"face (?:go|went|going|turn\w*) (?:hot|red|bright red)|flustered|panick\w*|shaky|deflated|"
    r"cut me off|shut (?:me|it) down|walked out|shut the laptop|lost my (?:temper|cool|nerve)|"
    r"pushed (?:too|2|to) hard|drained|out of (?:my|his|her|their) depth|overwhelm\w*|"
    # telling something of one's own: "told my mentee i have adhd", "opened up about my anxiety"
    # (not a feeling shared back: "i told him i was nervous too at the start")
    r"told (?:him|her|them|my (?:reverse )?(?:mentee|mentor)) (?:that )?i(?:'m| am| have|'ve|"
    r" was)(?!(?: \w+){1,2} too\b)|"
    r"opened up|came out to|"
    # freezing or blanking in front of someone, and being made to feel small
    # (a person freezes; "the laptop froze twice" is no hard moment)
    r"(?:i|he|she|they|we)\s+(?:\w+\s+)?(?:froze|freez\w+)|freezing (?:up|in front)|"
    r"blanked|went blank|tongue[- ]tied|cring\w*|put (?:me|him|her|them) on the spot|"
    r"caught (?:me |him |her )?off guard|rolled (?:his|her|their) eyes|eye[- ]?roll\w*|scoffed|laughed at me|"
    r"made me feel (?:small|stupid|old|useless|thick)|"
    # "Feel small.", "i feel so small"; "Said nothing." after a remark, told without "I"
    r"(?:^|(?<=[.!?] )|\bi )(?:feel|felt) (?:so |very |really )?(?:small|useless|stupid)|"
    r"(?:^|(?<=[.!?] ))said nothing\b|"
    # swallowing a reply: "sat there smiling like an idiot", "bit my tongue", "i wanted to say i
    # actually run half the digital stuff but didnt"
    r"(?:smil\w*|nodd\w*|sat there|stood there) like an? (?:idiot|lemon|muppet|fool)|"
    r"(?:bit|held) my tongue|wanted to say\b[^.!?]{0,100}?\bbut\b(?: i)? (?:didn'?t|did not|didnt|couldn'?t)|"
    # "it felt like being in a zoo"
    r"(?:felt|feel|feeling) like (?:being )?(?:in a zoo|an? (?:exhibit|specimen|token|outsider|curiosity)|"
    r"on display|the token)|othered|"
    r"felt (?:small|judged|patronised|patronized|useless|thick)|"
    r"condescend\w*|belittl\w*|raised (?:his|her|their|my) voice|shouted|stormed out|"
    # a remark that hurt, met with silence: "I said nothing and continued", "for me it was not a
    # joke", "the sentence is still in my head", "it was rude"
    r"i said nothing|i (?:didn'?t|did not|couldn'?t|could not|didnt|couldnt) say (?:anything|a word|nothing)|"
    r"(?:didn'?t|didnt|did not) know what to say|replaying|"
    r"bit my tongue|(?:was|is) not a joke|wasn'?t a joke|still in my head|stuck with me|rude|hurtful|"
    r"offensive|"
    r"out of order|uncalled for|"
    # "i was shaking after", "he went red", "long silence", "i felt like an idiot", "nearly sent it"
    # (a person's face, not "the dashboard went red"; not "shaking hands")
    r"shaking(?! hands)|trembl\w*|(?:i|he|she|they|face|cheeks)\s+(?:\w+\s+)?(?:went|turned|go|going) "
    r"(?:bright )?red|(?:long|awkward|painful) (?:silence|pause)|"
    r"(?:felt|feel|look(?:ed)?) (?:like )?(?:an? )?(?:idiot|fool|dinosaur|fraud)|"
    r"nearly (?:sent|posted|shared)|"
    # being mocked: "he did an impression of my accent", "she mimicked how i talk"
    r"impression of (?:my|me)|mock(?:ed|ing|s)? (?:me|my)|mimic\w* (?:me|my|how i)|imitat\w* (?:me|my)|"
    r"made fun of|taking the (?:mick|mickey|piss) (?:out of|of) (?:me|my)|bugging me|bugged me|got to me)\b"
)
# A skill practised with the hands: Kolb's cycle.
PRACTICE = (
    r"\b(practis\w*|practic\w*|tried|set up|setting up|walked (?:him|her|them|me) through|showed me how|"
    # "showed her channels, @mentions and how to mute threads"
    r"showed (?:her|him|them) (?!round\b|around\b|photos?\b|pictures?\b)\w+|"
    # (not who someone is: "I was the one who wrote the policy")
    r"(?<!who )(?<!that )(?:built|made (?:a|my|his|her|our))|"
    r"(?:managed|learnt|learned) to (?:build|make|set|create|post|film|edit|do)|"
    r"scheduled|filmed|(?<!who )wrote|rewrote|filter\w*|pivot\w*|formula\w*|"
    r"got the hang|clicked|figured|learnt|learned|drill|steps|prompts?|turned on|installed|draft\w*|"
    # a go at something with the hands: "she got it second go", "did it on her own"
    r"(?:first|second|third|another) (?:go|try|attempt)|had a go|got it|nailed it|"
    # what the mentor showed and the mentee then did: "showed her breakout rooms", "ran one herself"
    r"showed (?:her|him|them|[a-z]+) how|"
    # "we fixed alt text on four slides and she did the fifth alone" (not "we fixed a date")
    r"(?:we|she|he|they|i) fixed (?!a (?:date|time|slot|day))|"
    r"(?:did|ran|made|built|fixed|wrote|set up) [\w ]{0,20}?(?:alone|on (?:her|his|their) own)|"
    # "I moved the passwords for the registry, the bank… into it myself", "did the 5 litre tin alone"
    r"(?:did|do|does|moved|put|entered|typed|changed|fixed|sent|uploaded|filled|called|scanned|made|built|"
    r"ran|wrote|set|issued|pressed|cancell?ed|cuts?|added|booked|printed|exported)\b[^.!?]{0,90}?\b"
    r"(?:myself|himself|herself|themselves|alone|"
    r"by (?:him|her|my|them)sel(?:f|ves))|"
    # in the writer's second language too: "he make first transfer alone", "she learn very quick"
    r"(?:make|makes|do|does|send|sends|sent) [\w ]{0,20}?(?:alone|on (?:her|his|their) own)|"
    r"learns? (?:very |so |really )?(?:quick|quickly|fast)|"
    r"(?:did|ran|built|made|set) (?:it|one) (?:all )?(?:by )?(?:her|him|them)sel(?:f|ves)|"
    # "set one up for the allotment society", "she used it to summarise a policy"
    r"set (?:it|one|them|that|this|everything) up|"
    r"used (?:it|them|copilot|chatgpt|the tool|the app) (?:to|for)|"
    r"showed me (?:the|her|his|their|how|where|what|which)|posted (?:my|her|his|their|our|a|an) |"
    r"on (?:her|his|their|my) own|"
    r"by (?:him|her|them|my)sel(?:f|ves)|without help|shortcuts?|conditional formatting|[vx]lookup|macros?|"
    r"templates?|authenticator|qr code|captions?|captioned)\b"
)

SHORT_NOTES = 8  # words: a quick check
NOT_AFTER_ABBREVIATION = (
    r"(?<![\s.][ap]\.m\.)(?<!\be\.g\.)(?<!\bi\.e\.)"
    # (nor a title: "shown the presentation to Mrs. Wijesinghe", "train Mr. Oh and Ms. Baek")
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bdr\.)"
)
CLAUSE = re.compile(
    # (", next month" ends its clause: "I'll use it for structure only, not figures, next month")
    # (not after an abbreviation: "the 1 a.m. ferry", "e.g. the rota")
    rf"{NOT_AFTER_ABBREVIATION}(?<=[.!?;])\s+|\n+|"
    r",\s+(?=(?:and then|so|then|next(?!\s+(?:week|month|year|time|session|sesh|day|"
    r"mon|tue|wed|thu|fri|sat|sun))|i|we|he|she|they)\b)|,?\s+but\s+|"
    # a plan told without its subject: "Asha says the pivot table finally makes sense, will try that
    # on thursday"
    r",\s+(?=(?:will|gonna|going to)\s+(?:try|use|practise|practice|do|send|post|book|show|draft|start)\b)|"
    # an emoticon ends a clause: "last one :( we looked back at the goals"
    r"(?<=[:;]\()\s+|(?<=[:;]\))\s+|(?<=:/)\s+",
    re.IGNORECASE,
)
# A clause longer than this many words is cut at its commas and joining words ("and", "so", "-")
# into shorter ones, so that what it says at its end is quoted too: "over the six months i sat in
# on maybe ten of zara's team standups and what stuck with me is how they use the chat during calls
# so quieter people get heard" was quoted as its first sixteen words and "…".
LONG_CLAUSE = 16
# ... at a joining word only before someone doing something ("and she ..."), not inside a pair of
# nouns ("a walk and talk"), nor before "which" ("…, which she never expected" says nothing alone)
SUB_CLAUSE = re.compile(
    # (a comma before someone doing something, not inside a list: "no photo, a job title from 2019")
    r",\s+(?=(?:and\s+|then\s+|so\s+|but\s+)?(?:i|we|he|she|they|it|my|his|her|their|our|what|how|this|that|"
    r"there|you)\b)|\s+(?:and|so|because|while|whereas)\s+(?=(?:then\s+)?(?:i|we|he|she|they|it|my|his|her|"
    r"their|our|what|how)\b)|\s+[-–—]+\s+",
    re.IGNORECASE,
)
MIN_PART_WORDS = 4
BRACKETED = re.compile(r"\([^()]*\)")
# A clause that says nothing to quote back ("good session tbh", "honestly mixed", "long one").
FILLER = (
    r"^(?:(?:so|ok|okay|honestly|overall|well|ugh|hmm|right)\W*)*(?:good|great|fine|ok|okay|mixed|decent|"
    r"not bad|long one|quick one|session|today|tbh|honestly|important|useful|helpful|productive|intense|big|"
    r"(?:it |all |that )?went|pretty|really|very|all|"
    r"well|\W)*$"
)
# ... nor one that only says which session it was ("last session today", "our last one", "first
# proper sesh"): the title and the framework say that already.
WHICH_SESSION = (
    r"^(?:(?:so|ok|well|and|this was|that was|it was|it's|its|today was|today|our|my|the|very|)\s*)*"
    r"(?:last|final|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|"
    r"ninth|9th|tenth|10th|proper|last ever|final ever)\s+(?:and\s+(?:last|final)\s+)?(?:(?:proper|real|"
    r"official)\s+)?"
    r"(?:one|session|sesh|meeting|mtg|meet(?:[- ]?up)?|chat|catch[- ]?up|1:1)"
    r"(?:\s+(?:today|together|ever|done|of the programme|of the scheme|"
    # "last meet w/ Saoirse", "last session w/ mr patel"
    r"(?:with|w/?) (?:(?:my|our) (?:reverse )?(?:mentor|mentee)(?:\s+[\w'.-]+){0,2}|"
    r"[\w'.-]+(?:\s+[\w'-]+){0,2})(?:\s*\([^()]{1,30}\))?))*\W*$"
)

# ... nor one that only sets the scene: "ok so session 4 with Mr Osei", "Session with Tomasz today",
# "call w/ priya this morning".
SCENE = (
    # ... "our final meeting today with ba Mwansa in the safety office", "2nd lesson with pa Noi at
    # her stall"
    r"^(?:(?:so|ok|okay|right|well|today|today's|todays|our|my|the)\W*)*"
    r"(?:(?:first|final|last|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:session|sesh|meeting|mtg|meet[- ]?up|catch[- ]?up|call|chat|1:1|one to one|lesson|class)"
    r"\s*(?:#?\s*\d+|no\.?\s*\d+)?"
    r"(?:\s+(?:today|this (?:morning|afternoon|week)|yesterday|earlier|"
    r"(?:with|w/?) (?:(?:my|our) (?:mentor|mentee)|[\w'.-]+(?:\s+[\w'-]+){0,2})"
    r"(?:\s*\([^()]{1,40}\))?|(?:in|at) (?:the|her|his|their|our|my) [\w' -]{1,30}))*\W*$|"
    # a line that only says a line follows: "I must write this honestly", "ok so long one", "Hard one
    # today."
    r"^(?:ok\W+so\W+|so\W+|ok\W+)?(?:i must|i have to|i need to|i should|i want to)\s+(?:write|record|note|"
    r"put down|admit|be honest)\b[^.!?]{0,45}\W*$|"
    r"^(?:ok\W+so\W+|so\W+|ok\W+)?(?:(?:a|another)\s+)?(?:long|hard|tough|rough|short|weird|strange|big)\s+one"
    r"(?:\s+today)?\W*$|"
    r"^(?:ok\W+so\W+|so\W+)?this is the one i\b[^.!?]{0,30}\W*$|"
    # "Met Zainab for the first time", "finally met my mentor today"
    r"^(?:(?:so|ok|okay|today|finally|first|we|i)\W*)*met\s+(?:(?:my|our) (?:reverse )?(?:mentor|mentee)|"
    r"[\w'.-]+(?:\s+[\w'-]+){0,2}?)"
    r"(?:\s+(?:for the (?:first|1st) time|properly|in person|today|at last))*\W*$"
)

# Words quoted from someone: "…", “…” or '…' (not the apostrophe of "didn't").
# ... single quotes may hold an apostrophe between two letters: 'that's awful, i look ancient'
QUOTED = re.compile(r"\"[^\"]+\"|“[^”]+”|‘(?:[^’]|(?<=\w)’(?=\w))+’|(?<!\w)'(?:[^']|(?<=\w)'(?=\w))+'(?!\w)")
# Words reported: "i said her headline sounded stiff", "she pointed out i interrupt people", up to
# the end of the sentence or the writer's own next clause ("… and i felt awful").
REPORTED = re.compile(
    # (or a clause that opens with what was said, its subject in the clause before: "She got it
    # quickly but said she'll 'just email'")
    r"(?:\b(?:i|we|he|she|they)\s+(?:finally\s+|just\s+|gently\s+|also\s+|then\s+)?|^\s*)"
    r"(?:said|told (?:him|her|them|me)|told \w+ (?:about|that|how)|pointed out|mentioned|explained|"
    r"asked (?:me )?(?:if|whether|how|why|what))\b"
    r"[^.;!?\n]*?(?=[.;!?\n]|$|,?\s(?:and|but|so)\s(?:i|we)\b|,\s+not sure\b|,\s+which\b)",
    re.IGNORECASE,
)
# A hard word beside one of these passed off well ("he took it well actually").
RECOVERED = (
    # ("laughed it off" masks a hurt; "laughed and said…" is the remark itself)
    r"\b(took it (?:\w+ )?well|took it fine|laughed(?! it off| at| and said:?\s*[\x22“‘])|didn'?t mind|"
    r"(?:was|were) fine (?:with|about) it|no harm|"
    r"went (?:\w+ )?well|(?:was|were) (?:great|good|lovely|gracious) about it|appreciated it|thanked me|"
    r"(?:was|were) grateful|no drama|laughing|in stitches|saw the funny side|found it funny|"
    # a practice that came right in the end: "we switched to xlookup and it clicked"
    r"it clicked|clicked in the end|got (?:it|there) in the end|worked in the end|figured it out)\b"
)
# ... unless the writer felt something strong all the same, or told of this many hard moments.
HARD_TOLD_TWICE = 2
STRONG = (
    # (a remark met with silence that stays: "i said nothing … it stuck with me", "it was not a joke")
    r"\b(i said nothing|(?:^|(?<=[.!?] ))said nothing|stuck with me|still in my head|(?:was|is) not a joke|"
    r"wasn'?t a joke|replaying|shame\b|(?:hands?|voice) (?:was |were )?(?:shaking|trembling)|"
    r"(?:didn'?t|didnt|did not) know what to say|"
    r"embarrass\w*|mortif\w*|ashamed|humiliat\w*|cried|crying|tears|upset\w*|hurt|angry|furious|"
    r"snapped|gutted|shaken|rattled|dread\w*|offend\w*|awful|horrible|shaking(?! hands)|trembl\w*|"
    r"(?:felt|feel) like (?:an? )?(?:idiot|fool|fraud))\b"
)


# A line that tells what the partner said, in their words: "He laughed and said "dyslexia is a nice
# word for not checking your work"", "then on the way out he goes 'the cellar's no place for a
# wheelchair anyway'": at a hard session, the event the description asks about.
PARTNER_REMARK = re.compile(
    r"\b(?:he|she|they|my (?:reverse )?(?:mentee|mentor)|[A-Z][a-z]+\.? ?[A-Z]?[a-z]*)\s+(?:\w+\s+){0,3}?"
    r"(?:said|says|say|seh|asked|asks|answered|replied|goes|went|told me|joked|laughed and said|commented|"
    r"call(?:ed|s|ing)? me|introduc(?:ed|es|ing) me(?: to \w+)?(?: as| like)?)\b"
    # (a quote opens at a word's start: not the apostrophe of "she said she'd never thought of it")
    r"[^\"“]{0,40}?(?:[\"“]|(?<!\w)['‘](?=\w))|"
    # a sentence that opens with what was said, its subject in the one before: 'she got defensive
    # … part timers. said "I don't need a 24 year old telling me how to run my team"'
    r"(?:^|[.!?]\s+)(?:and\s+|then\s+)?(?:said|replied|answered|snapped)\s*[:,]?\s*[\"“]",
)


# A remark that puts the writer down for who they are: their age, their place, their looks or where
# they come from ("you young ones never read the manual", "where are you actually from", "thanks
# sweetheart"). Said by the partner, it is a hard moment even when the notes name no feeling.
DISMISSIVE = re.compile(
    # (a group said to fall short, not praised: "your generation is so good at this" is no put-down)
    r"\b(?:(?:you lot|your lot|your generation|you young (?:ones|people|lot|folk|things)|young people|kids|"
    r"millennials?|gen ?z|zoomers?)(?: \w+)? (?:never|can'?t|cannot|don'?t|won'?t|just want|have it easy|"
    r"think you know|(?:are|is) (?:all )?(?:lazy|soft|glued|entitled|useless|hopeless))|"
    r"kids (?:these days|today|like you)|snowflakes?|people like you|"
    r"you people|your sort|your kind|where are you (?:actually |really |originally )?from|sweetheart|darling|"
    r"good girl|young lady|little girl|calm down|too sensitive|can'?t take a joke|at your age|"
    r"when you'?ve been here|you wouldn'?t understand|you'?re (?:just )?(?:the|an?) (?:intern|kid|child)|"
    r"born with an? (?:iphone|phone|smartphone)|glued to (?:your|their) phones?|entitled|"
    r"(?:all|just) want to work from home|(?:the|your) english|"
    # "I don't need a 24 year old telling me how to run my team"
    r"(?:an?|some) (?:\d+|twenty\w*)[- ]year[- ]old (?:telling|lecturing|teaching|explaining)|"
    r"telling me how to (?:run|do) my (?:team|job|department|business)|"
    # a compliment that puts down: "not bad for someone who still lives with her parents"
    r"(?:not bad|pretty good|quite good|good|impressive|clever) for (?:a |an |someone|your age|a girl|"
    r"a woman|a kid|a youngster|one of you)|(?:still )?lives? with (?:his|her|their|your) (?:mum|parents))\b"
)


def dismissive_remark(notes: str) -> bool:
    """The partner said something that puts the writer down (DISMISSIVE), quoted or reported."""
    lowered = notes.lower()
    reported = [found.group(0) for found in REPORTED.finditer(lowered)]
    theirs = [said for said in reported if not re.match(r"\s*(?:i|we)\b", said)]
    quoted = [found.group(0) for found in QUOTED.finditer(lowered)] if partner_remark(notes) else []
    return any(DISMISSIVE.search(said) for said in theirs + quoted)


def partner_remark(text: str) -> bool:
    """The line quotes something the partner said (PARTNER_REMARK)."""
    return PARTNER_REMARK.search(text) is not None


# A thing that was bad, which is no feeling nor hard moment: "the lighting was awful near the ovens",
# "wifi was a disaster".
THING_COMPLAINT = re.compile(
    r"\b(?:lighting|light|sound|audio|wifi|wi-fi|connection|signal|coffee|weather|traffic|room|acoustics|"
    r"mic|microphone|camera angle|video quality|picture|reception|internet|projector|parking|noise)\s+"
    r"(?:was|is|were|are)\s+(?:\w+\s+)?(?:awful|horrible|rubbish|a disaster|terrible|dreadful)\b"
)


def own_words(text: str) -> str:
    """The text without what someone said, quoted or reported, and without a thing's fault ("the
    lighting was awful", THING_COMPLAINT)."""
    return THING_COMPLAINT.sub(" ", REPORTED.sub(" said ", QUOTED.sub(" ", text)))


# Tears at a goodbye are a tender moment, not a hard one: "last meet w/ Saoirse… bit emotional tbh".
PARTING_TEARS = re.compile(
    r"\b(?:(?:got|was|were|felt|bit|a bit|quite|very|both|all)\s+)*(?:emotional|teary|tearful|welled up)\b"
    r"|\b(?:cried|crying|tears)(?=[^.!?]{0,40}\b(?:goodbye|bye|thank\w*|miss|proud|lovely|happy)\b)"
    # "she cried a bit", "teared up": a goodbye's tears, at a last session
    r"|\b(?:cried|teared up|welled up) (?:a (?:bit|little|tiny bit)|at the end)\b"
    r"|\bteared up\b|\bshed a tear\b",
    re.IGNORECASE,
)


# A passing wobble, said as one: "bit cringe watching it back", "slightly awkward start".
MILD = re.compile(
    r"\b(?:a\s+)?(?:bit|little|tad|touch|slightly|mildly|tiny bit|wee bit|kinda|kind of)\s+"
    r"(?:of\s+an?\s+)?(?:cring\w*|awkward|daft|silly|overwhelm\w*|flustered|thrown|annoyed|irritated|"
    r"angry|cross|grumpy|frustrated|stressed|nervous)\b|"
    # the urge to take over, held back, is a hands-off practice kept to: "I wanted to reach for the
    # mouse maybe ten times. Bit my tongue every time." (a reply swallowed stays hard: "bit my tongue")
    r"\b(?:wanted|itching|dying|tempted|had) to (?:reach for|grab|take (?:over|the)|jump in|do it for)\b"
    r"[^.!?]*[.!?]?\s*(?:(?:and |but |so )?(?:i\s+)?(?:bit|held) my tongue\b)?|"
    # tears of laughter: "he laughed till he cried"
    r"\blaugh\w*\s+(?:until|till|til|so hard)\s+(?:\w+\s+){0,2}(?:cried|cry|tears)\b|"
    # a feeling denied or got over: "i was happy, not offended", "felt embarrassed but better"
    r"\b(?:not|wasn'?t|weren'?t|never)\s+(?:\w+\s+)?(?:offended|upset|hurt|embarrassed|angry|annoyed)\b|"
    r"\b(?:embarrass\w*|awkward|nervous|angry|upset|annoyed)\s+but\s+(?:\w+\s+)?(?:better|fine|ok|okay|alright|"
    r"good|happy|relieved)\b|"
    # the partner cross with themselves or the tool in a practice: "she got annoyed with herself
    # when the #N/A errors came up"
    r"\b(?:he|she|they)\s+(?:got|was|were|seemed|looked|became)\s+(?:a\s+bit\s+|quite\s+|really\s+|very\s+|"
    r"slightly\s+)?(?:annoyed|frustrated|irritated|impatient|cross)\s+with\s+(?:himself|herself|themselves|"
    r"itself|it|the\s+\w+)\b",
    re.IGNORECASE,
)


def hard_moment(notes: str, ending: bool = False) -> bool:
    """The session had a hard moment (HARD, outside quoted words), and it did not pass off well
    ("he took it well actually") without a strong feeling of the writer's own. At the pair's last
    session (`ending`), tears at parting do not count (PARTING_TEARS)."""
    unquoted = THING_COMPLAINT.sub(" ", QUOTED.sub(" ", notes.lower()))
    if ending:
        unquoted = PARTING_TEARS.sub(" ", unquoted)
    unquoted = MILD.sub(" ", unquoted)  # "bit cringe watching it back" is a wobble, not a hard moment
    hard = {found.group(0) for found in re.finditer(HARD, unquoted)}
    if not hard:
        # a put-down by the partner is the hard moment, even told without a feeling ("he said
        # 'you young ones never read the manual' and went back to the formulas")
        return dismissive_remark(notes)
    # two hard moments ("took it badly… went quiet for a while") stay hard however it ended, and so
    # does a remark of the partner's that hurt ("he said 'we can't all be born with an iphone in our
    # hand'. everyone laughed. felt small"): the laughter was not the session recovering
    recovered = re.search(RECOVERED, unquoted) and len(hard) < HARD_TOLD_TWICE
    return not recovered or strong_feeling(unquoted) or partner_remark(notes)


def strong_feeling(notes: str) -> bool:
    """The writer tells a strong feeling of their own (STRONG), outside what someone said."""
    return re.search(STRONG, own_words(notes.lower())) is not None


@dataclass(frozen=True)
class Clause:
    text: str
    kind: str  # happened, felt, wrong, well, next, learnt, unkept, wondering or hiccup (a mishap laughed off)


# A plan the partner told of, which is the pair's next step ("she said she wants to move into
# product"), as against a remark of theirs ("he said young people just want to work from home").
PARTNER_PLAN = re.compile(
    r"\b(?:he|she|they|my (?:reverse )?(?:mentee|mentor))\s+(?:said|told me|mentioned|explained)\s+"
    r"(?:that\s+)?"
    r"(?:he|she|they)(?:'?d|'?ll| would| will| wants?| is going| was going| plans?| hopes?| needs?)\b",
    re.IGNORECASE,
)
# The writer's own plan, told as said: "i said i'd use it every morning this week", "I told her
# I'll try it on Monday" (own_words drops what was said, which here is the plan).
OWN_PLAN = re.compile(
    r"\b(?:i|we) (?:said|told (?:him|her|them|\w+)|promised)\s+(?:that\s+)?"
    r"(?:i|we)(?:'?d|'?ll| would| will)\b",
    re.IGNORECASE,
)
# A doubt whether the partner will do what comes next: "i'm not sure he'll actually do it tbh" is a
# feeling to look at, not a plan.
DOUBT_WILL = re.compile(
    r"(?:\b(?:but|and|so|tbh|honestly)\W+)*(?:\b(?:i'?m|im|i am)\s+)?"
    r"\b(?:not (?:really |totally |100% )?sure|"
    r"doubt(?:ful)?|unsure) (?:if |whether |that )?(?:he|she|they)(?:'ll| will|'d| would)\b"
)
# A choice the writer has still to make: "I havent decided whether to name people", "torn about
# telling my manager".
DECIDING = (
    r"\b(?:(?:haven'?t|havent|have not|not yet|still not|not) (?:\w+ )?decided (?:if|whether|what|how)|"
    r"torn (?:between|about|on|over)|(?:can'?t|cannot) decide|"
    # "not sure if i should raise it with the programme lead"
    r"(?:not sure|don'?t know|dont know|unsure) (?:if|whether) (?:i|we) (?:should|want to|wanna|ought to)|"
    # "dont know if i want to bring it up again"
    r"(?:not sure|don'?t know|dont know|unsure) whether to|"
    # "i didnt push. should i have?"
    r"should (?:i|we) (?:not )?have\b(?=[^.!]{0,30}\?)|"
    # "not sure i'll keep in touch tbh"
    r"(?:not sure|don'?t know|dont know|unsure) (?:if |whether )?(?:i|we)(?:'ll| will|ll)|"
    r"(?:think|thinking|decide|work out|figure out) (?:about )?whether)\b"
)
# A question the writer is left with: "not sure if that's resistance or habit", "wondering why he
# never brings his laptop".
WONDERING = (
    r"\b(?:not sure (?:if|whether|why|what)|wonder(?:ing|ed)? (?:if|whether|why|what)|no idea (?:if|whether)|"
    r"can'?t tell (?:if|whether)|don'?t know (?:if|whether)|^should (?:i|we) have\b|"
    # "Still not sure it's better than my spreadsheet"
    r"not (?:yet )?(?:sure|convinced) (?:it'?s|it is|this is|that'?s|they'?re) (?:better|worth|right|"
    r"the right|any)"
    rf")\b|{DECIDING}"
)
# A hiccup the writer laughs off ("lol", "haha"), which is no problem to look back on.
LAUGHED_OFF = r"\b(?:lol|lmao|haha\w*|ha ha)\b|😂|🤣"
# A feeling told without what it is about, so about the line before: "felt a bit daft", "bit
# embarrassing tbh" (not "i'll really miss her honesty").
FEELING_ABOUT_IT = re.compile(
    r"^(?:(?:and|but|tbh|honestly)\s+)?(?:i\s+)?(?:felt|feel|feeling)\b|"
    r"^(?:(?:a\s+)?bit|so|very|quite|slightly|kinda|pretty)\s+(?:embarrass\w*|awkward|cringe\w*|daft|stupid|"
    r"silly|mortif\w*)"
)
# What someone did not want or need to do is no plan: "i didnt really want to speak for them".
NOT_WANTED = re.compile(
    r"\b(?:didn'?t|didnt|don'?t|dont|doesn'?t|doesnt|did not|do not|not|never)\s+(?:really\s+|even\s+)?"
    r"(?:want|wanna|need|plan|mean)\w*(?:\s+to)?\b"
)
# A clause that opens with the writer's worry: "im slightly worried they'll know it came from me".
WORRY_OPENING = re.compile(
    r"\W*(?:(?:but|and|so|tbh)\s+)*(?:(?:i'?m|im|i am|i was|i feel|i felt|was|felt)\s+(?:\w+\s+)?)?"
    r"(?:worried|nervous|scared|anxious|afraid|concerned)\b"
)
# A line that only says the one before was news: "Did not know that.", "had no idea", "who knew".
BACK_REFERENCE = re.compile(
    r"^(?:i |we )?(?:did not|didn'?t|didnt|never) (?:know|knew|realise|realize) (?:that|this)\W*$|"
    r"^(?:i )?(?:had no idea|no idea|news to me|who knew)\W*$"
)
# A line that says the one before never happened, and no more: "I never did it.", "never sent it".
NOT_DONE_SINCE = re.compile(
    r"^(?:but |and )?(?:i |we |he |she |they )?"
    r"(?:never|still (?:haven'?t|havent|have not)|didn'?t|didnt|did not)"
    r" (?:did|do|done|sent|send|shared|share|followed up|got round to)(?: it| that| them)?\W*$"
)
# A line that announces what the next one tells: "learnt something bad." before "Field officers
# paying own mobile data since March."; the two are one line, what was learnt.
ANNOUNCES = re.compile(
    r"^(?:i |we )?(?:learnt|learned|found out|heard|discovered|realised|realized|noticed)\s+"
    r"(?:something|sth|smth|a thing|one thing)(?:\s+\w+){0,2}\W*$"
)
# A wrong thing someone is taught to handle, which is no mistake of the session's: "how to cancel a
# wrong call", "unlock the account when they put the wrong pin", "changing a wrong destination".
HANDLING_WRONG = re.compile(
    r"\b(?:cancel|correct|fix|undo|chang|unlock|revers|delet|edit|amend|void|sort)\w*\s+(?:out\s+)?"
    r"(?:a|the|any|every)\s+wrong\b|"
    r"\b(?:when|if|after)\s+(?:\w+\s+){0,2}?(?:put|puts|enter|enters|type|types|key|keys|scan|scans)\s+"
    r"(?:in\s+)?(?:a\s+|the\s+)?wrong\b"
)
# The writer not being all right, said plainly: "I'm not fine.", "i was not ok".
NOT_OK = re.compile(
    r"\b(?:(?:i'?m|im|i am|i was) not|i wasn'?t|i wasnt)\s+(?:really\s+|feeling\s+)?"
    r"(?:fine|ok|okay|alright|all right|good)\b"
)
# A harm that did not happen, which is no hard moment by itself: "Nobody was rude."
NOBODY_HARSH = re.compile(
    r"^\W*(?:nobody|no one|noone|no-one)\s+(?:was|were|got|seemed)\s+(?:\w+\s+)?\w+\W*$"
)
# What the practice came to, the result a look back starts from: "By the end Gunnar had put his
# shift up for swap", "Today the program beat my eye by two boards", "9 women done", "he did six
# unlocks by himself".
OUTCOME = re.compile(
    r"\b(?:by the end|in the end|at the end of it)\b|\bbeat (?:my|me|his|her|our|the)\b[^.!?]{0,30}\bby\b|"
    # "He typed in eight bars himself, slowly but without help"
    r"\b(?:\w+ed|did|made|ran|wrote|sent|built)\b[^.!?]{0,40}\b"
    r"(?:himself|herself|themselves|on (?:his|her|their) own)\b|"
    r"\bby (?:himself|herself|themselves|myself|ourselves)\b|\b(?:all )?(?:done|sorted)\W*(?:[^\w\s]\W*)?$",
    re.IGNORECASE,
)
# A line that says the one before was not true: "I said the screen is dirty. It was not." Read with
# it, as something the writer got wrong.
# ("It was not.": the words, which salience.ADMISSION also reads at the end of a merged line)
NOT_TRUE_WORDS = r"(?:it|that)\s+(?:was not|wasn'?t|wasnt|is not|isn'?t|isnt)(?:\s+true)?\W*$"
NOT_TRUE = re.compile(r"^(?:but\s+)?" + NOT_TRUE_WORDS)
# A second thought about the line before: "i didnt push. should i have?" is one choice to think
# through, quoted whole.
SECOND_THOUGHT = re.compile(
    r"^(?:but |and )?(?:should (?:i|we) have|was (?:that|it|i) (?:right|wrong|ok|okay)|"
    r"did i do (?:the )?right|"
    r"(?:or )?should i not have)\b[^.!]{0,30}\?*\W*$"
)
# A word that joined a cut clause to the one before it.
LEADING_JOIN = re.compile(r"^(?:and then|and so|and|then|but)\s+(?=\w)", re.IGNORECASE)


def read_notes(notes: str) -> list[Clause]:
    """The clauses of the notes, each with what it says (first cue that fits, in this order).
    Short notes ("useful. need to practise more") are one clause."""
    found: list[Clause] = []
    short = len(notes.split()) <= SHORT_NOTES
    parts = (
        [notes.strip()] if short else [cut for part in split_clauses(notes.strip()) for cut in shorter(part)]
    )
    for part in parts:
        text = part.strip().strip(",;").strip().lstrip("*-•· ").strip()  # a bullet's mark is not said
        # (a line read with the one before keeps its join: "…at the counter and I never did it")
        as_written = text
        text = LEADING_JOIN.sub("", text)  # "and then he went quiet" is quoted from "he"
        if len(text.split()) < 2:
            continue
        lowered = text.lower()
        own = own_words(lowered)  # a feeling or a mistake is the writer's, not in what someone said
        kind = next(
            (
                name
                for name, said in (
                    ("learnt", QUOTED.sub(" ", lowered)),  # (not "this is why I have an assistant", quoted)
                    (
                        "next",
                        NOT_WANTED.sub(
                            " ", lowered if PARTNER_PLAN.search(lowered) or OWN_PLAN.search(lowered) else own
                        ),
                    ),
                    ("felt", own),
                    ("wrong", HANDLING_WRONG.sub(" ", own)),
                    ("well", lowered),
                )
                if re.search(CUES[name], said)
            ),
            "happened",
        )
        if kind in ("happened", "well") and re.search(HARD, own) and not NOBODY_HARSH.match(lowered):
            kind = "wrong"
        if kind == "wrong" and NOBODY_HARSH.match(lowered):
            kind = "happened"  # "Nobody was rude."
        if kind == "happened" and NOT_OK.search(own):
            kind = "felt"  # "I'm not fine.", "i went home and i was not ok"
        if kind == "happened" and OUTCOME.search(text):
            kind = "well"  # "he scanned 30 ear tags by himself": what the practice came to
        if kind == "wrong" and re.search(LAUGHED_OFF, lowered) and not re.search(HARD, own):
            kind = "hiccup"  # "he forgot his phone charger lol so we used mine" is no problem to look back on
        if kind == "next" and (WORRY_OPENING.match(own) or DOUBT_WILL.search(own)):
            kind = "felt"  # "im slightly worried they'll know it came from me" is a worry, not a plan
        if kind in ("next", "happened", "wrong") and re.search(UNKEPT, lowered):
            kind = "unkept"
        if kind == "next" and re.search(DECIDING, lowered):
            kind = "wondering"  # "I also want to think about whether I should tell my peers"
        if kind == "happened" and re.search(WONDERING, lowered):
            kind = "wondering"  # "Not sure if that's resistance or habit": a question to think through
        if found and BACK_REFERENCE.match(lowered):
            # "she said it's how they decide who is worth working for. Did not know that.": the line
            # before is what was learnt, and is quoted with it
            found[-1] = Clause(f"{found[-1].text.rstrip()} {as_written}", "learnt")
            continue
        if found and NOT_DONE_SINCE.match(lowered) and found[-1].kind in ("happened", "next", "unkept"):
            # "In October I promised her I would show the other three dentists… I never did it.":
            # the promise and its fate are one line, what was agreed and did not happen
            found[-1] = Clause(f"{found[-1].text.rstrip()} {as_written}", "unkept")
            continue
        if found and ANNOUNCES.match(found[-1].text.lower()):
            found[-1] = Clause(f"{found[-1].text.rstrip()} {as_written}", "learnt")
            continue
        if found and NOT_TRUE.match(lowered):
            found[-1] = Clause(f"{found[-1].text.rstrip()} {as_written}", "wrong")
            continue
        if found and SECOND_THOUGHT.match(lowered):
            found[-1] = Clause(f"{found[-1].text.rstrip()} {as_written}", "wondering")
            continue
        if found and found[-1].kind == "hiccup" and kind == "felt" and FEELING_ABOUT_IT.match(lowered):
            # "it invented a meeting with the CFO lol. felt a bit daft": laughed off, and still felt
            found[-1] = Clause(found[-1].text, "wrong")
        found.append(Clause(text, kind))
    return found


def split_clauses(notes: str) -> list[str]:
    """The notes cut at CLAUSE; a piece after "but" of SHORT_TAIL words or fewer stays with the one
    before it ("she said she'd send me the guide but nothing came", "i was annoyed but didnt say")."""
    parts: list[str] = []
    begin = 0
    joined_by_but = False
    said = [(found.start(), found.end()) for found in QUOTED.finditer(notes)]
    cuts = [
        cut for cut in CLAUSE.finditer(notes) if not any(start < cut.start() < end for start, end in said)
    ]
    for cut in [*cuts, None]:
        piece = notes[begin : cut.start() if cut else len(notes)]
        if parts and joined_by_but and 0 < len(piece.split()) <= SHORT_TAIL:
            parts[-1] = f"{parts[-1]} but {piece.strip()}"
        else:
            parts.append(piece)
        if cut is None:
            break
        joined_by_but = "but" in cut.group(0).lower()
        begin = cut.end()
    return parts


def shorter(clause: str) -> list[str]:
    """A clause of more than LONG_CLAUSE words in parts of at least MIN_PART_WORDS (SUB_CLAUSE);
    a shorter one, or one that does not cut, whole."""
    if len(clause.split()) <= LONG_CLAUSE:
        return [clause]
    # each piece keeps the words that joined it to the one before, so that a short piece joined back
    # reads as written ("Noemi and I built…", not "Noemi I built…")
    pieces, joins, begin = [], [""], 0
    # never inside what someone said: "he joked "some of us have second jobs, not all of us…""
    said = [(found.start(), found.end()) for found in QUOTED.finditer(clause)]
    said += [(found.start(), found.end()) for found in BRACKETED.finditer(clause)]  # "(bandwidth, rooms)"
    for cut in SUB_CLAUSE.finditer(clause):
        if any(start < cut.start() < end for start, end in said):
            continue
        pieces.append(clause[begin : cut.start()])
        joins.append(cut.group(0))
        begin = cut.end()
    pieces.append(clause[begin:])
    parts: list[str] = []
    opened_by: list[str] = []  # the words that joined each part to the one before
    for piece, join in zip(pieces, joins, strict=True):
        if parts and len(parts[-1].split()) < MIN_PART_WORDS:
            parts[-1] = f"{parts[-1]}{join}{piece}"
        else:
            parts.append(piece)
            opened_by.append(join)
    if len(parts) > 1 and len(parts[-1].split()) < MIN_PART_WORDS:
        parts[-2:] = [f"{parts[-2]}{opened_by[-1]}{parts[-1]}"]
    return parts


def telling_clauses(clauses: list[Clause]) -> list[Clause]:
    """The clauses worth quoting back: not filler nor which session it was, and at least three words
    ("11 people" is not), or two for a plan ("next: measures") or a feeling ("that stung")."""
    return [
        c
        for c in clauses
        if not re.match(FILLER, c.text.lower())
        and c.kind != "hiccup"
        and not re.match(WHICH_SESSION, c.text.lower())
        and not re.match(SCENE, c.text.lower())
        and len(c.text.split()) >= (2 if c.kind in ("next", "felt") else 3)
    ]


# A line of the notes that only restates what the session was about ("session with Lok about the
# ABA app and KHQR for paying the farmers" for "ABA app and KHQR, paying farmers"): most of its
# words are the topic's, and it tells nothing to ask about. Words are compared by their first
# STEM letters ("pay", "paying").
RESTATED_SHARE, RESTATED_WORDS, STEM = 0.6, 3, 4
FILLER_LIST = (
    "the a an and or but to of in on for with w at by from about my our his her their your i we he she "
    "they it is was were be been so today session sesh meeting this that then"
)
FILLER_WORDS = frozenset(FILLER_LIST.split())


def _stems(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [word[:STEM] for word in words if word not in FILLER_WORDS and len(word) > 1]


def restates_topic(clause: Clause, topic: str) -> bool:
    """The clause says what happened, and most of its words (at least RESTATED_WORDS) are the
    topic's: it only restates what the session was about."""
    if clause.kind not in ("happened", "unkept") or QUOTED.search(clause.text):
        return False
    words, topic_words = _stems(clause.text), set(_stems(topic))
    # ("pay" and "paying" are one word)
    shared = sum(
        any(word == t or (len(word) < STEM and t.startswith(word)) for t in topic_words) for word in words
    )
    return shared >= RESTATED_WORDS and shared / max(len(words), 1) >= RESTATED_SHARE
