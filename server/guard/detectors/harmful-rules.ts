/**
 * Harmful-content patterns (English on the normalised text view, Chinese on the compact view),
 * by category. Built as request framing + harmful object, because the objects alone have
 * ordinary uses (XSTest's "kill a Python process", "bath bomb", "shoot a photo", "history of the
 * Holocaust"): the pattern has to say "how do I make / give me steps to / write me" AND name
 * the dangerous thing.
 *
 * csam is the exception that policy cannot relax: see harmful.ts.
 */

import { OFFENSIVE_RULES } from "./harmful-offensive";

export type HarmfulRule = { type: string; reason: string; score: number; view: "text" | "compact"; re: RegExp };

const ASK =
  "(?:how (?:do|can|could|would|should|might|to) (?:i|you|we|one|someone|somebody|a person|people)?|how to|steps? (?:to|for|on)|instructions? (?:for|on|to|how)|guide (?:to|for|on)|tutorial (?:on|for)|recipe (?:for|to)|teach me(?: how)?(?: to)?|show me how(?: to)?|explain (?:how|in detail how)(?: to)?|tell me how(?: to)?|ways? to|best way to|easiest way to|cheapest way to|help me|give me|write(?: me)?|provide|describe how(?: to)?|detailed|step[- ]by[- ]step|can you|i want to|i need to|want to learn (?:how )?to)";
const MAKE =
  "(?:make|making|build|building|create|creating|synthesi[sz]e|synthesi[sz]ing|manufacture|manufacturing|cook|cooking|produce|producing|assemble|assembling|construct|brew|prepare|preparing|mix|obtain|acquire|buy|get|3d[- ]print|print|detonate|set off|plant|weaponi[sz]e|culture|grow|extract)";
const WEAPON =
  "(?:(?<!bath |seed |glitter |photo |smoke |stink |calorie |sex |f[- ]|flavou?r |cherry |love )bombs?|pipe bombs?|explosives?(?: device)?s?|ied|improvised explosive|molotov(?: cocktail)?s?|napalm|thermite|c-?4 explosive|semtex|tatp|petn|rdx|nitroglycerine?|fertili[sz]er bomb|dirty bomb|nuclear (?:bomb|weapon|device)|nerve (?:agent|gas)|sarin|vx (?:gas|nerve agent)|tabun|soman|novichok|mustard gas|chlorine gas|poison(?:ous)? gas|ricin|anthrax|botulinum(?: toxin)?|bioweapons?|biological weapons?|chemical weapons?|weapons? of mass destruction|ghost guns?|untraceable (?:gun|firearm|weapon)s?|(?:gun |firearm )?silencers?|suppressors?|full[- ]auto(?:matic)? conversion|auto sear|zip guns?|pathogens? (?:that could|to) (?:kill|infect))";
const DRUG =
  "(?:meth|methamphetamine|crystal meth|heroin|fentanyl|carfentanil|cocaine|crack cocaine|lsd|mdma|ecstasy|ghb|dmt|pcp|ketamine|opium)";
const MALWARE =
  "(?:ransomware|keyloggers?|botnets?|rootkits?|trojans?|computer virus(?:es)?|worms? that|self[- ]replicating (?:virus|malware|code)|malware|spyware|stalkerware|cryptojackers?|credential stealers?|info ?stealers?|password stealers?|backdoors?|remote access trojans?|ddos (?:tool|script|bot|attack)s?|zero[- ]day exploits?|exploit (?:code|kit)s?|phishing (?:page|kit|site|website|email|e-mail|campaign)s?|sql injection attack|card skimmers?)";
const PERSON =
  "(?:my (?:wife|husband|boss|neighbou?r|mother|father|mom|mum|dad|teacher|ex|ex-wife|ex-husband|girlfriend|boyfriend|brother|sister|roommate|coworker|co-worker|classmate|child|son|daughter|baby|partner|family)|someone|somebody|a person|people|him|her|a human|a child|a kid|a cop|a police officer|the president|my enemy|a rival|an? (?:old|elderly) (?:man|woman|person))";
const GROUP =
  "(?:jews|jewish people|muslims|blacks|black people|gays|gay people|lgbt(?:q\\+?)? people|trans people|immigrants|mexicans|asians|arabs|christians|whites|white people|chinese people|indians|hispanics|latinos|africans|women|refugees)";
const MINOR =
  "(?:child|children|kid|kids|minor|minors|underage|under-age|preteen|pre-teen|toddler|infant|young (?:girl|boy)s?|little (?:girl|boy)s?|schoolgirls?|schoolboys?|loli|lolita|shota|(?:1[0-7]|[5-9])[- ]?(?:year|yr)s?[- ]?old)";
const SEXUAL =
  "(?:sex|sexual|sexually|sexy|nude|nudes|naked|porn|porno|pornographic|erotic|erotica|explicit|nsfw|lewd|intercourse|molest|molesting|rape|raping|fondl(?:e|ing))";

export const HARMFUL_RULES: HarmfulRule[] = [
  // weapons and explosives
  {
    type: "weapons",
    reason: "weapon_synthesis",
    score: 0.9,
    view: "text",
    re: new RegExp(`\\b${ASK}\\b[^.?!\\n]{0,30}?\\b${MAKE}\\b[^.?!\\n]{0,25}?\\b${WEAPON}\\b`, "g"),
  },
  {
    type: "weapons",
    reason: "weapon_synthesis",
    score: 0.85,
    view: "text",
    re: new RegExp(
      `\\b${WEAPON}\\b[^.?!\\n]{0,20}\\b(?:recipe|instructions|formula|blueprints?|schematics?|synthesis route|step[- ]by[- ]step|ingredients)\\b`,
      "g",
    ),
  },
  {
    type: "weapons",
    reason: "weapon_synthesis",
    score: 0.9,
    view: "compact",
    re: /(?:制作|制造|合成|配制|自制|组装|提炼|培养|做|造)(?:一个|一枚|一颗|一把|出)?.{0,4}?(?:炸弹|炸药|雷管|爆炸物|爆炸装置|燃烧弹|燃烧瓶|土炸弹|神经毒剂|沙林|蓖麻毒素|毒气|炭疽|生物武器|化学武器|枪支|手枪|步枪|冲锋枪|消音器|核弹|脏弹)/g,
  },

  // illegal drug synthesis
  {
    type: "drugs",
    reason: "drug_synthesis",
    score: 0.85,
    view: "text",
    re: new RegExp(
      `\\b${ASK}\\b[^.?!\\n]{0,30}?\\b(?:make|making|synthesi[sz]e|synthesi[sz]ing|manufacture|cook|cooking|produce|extract|brew|grow)\\b[^.?!\\n]{0,15}?\\b${DRUG}\\b`,
      "g",
    ),
  },
  {
    type: "drugs",
    reason: "drug_synthesis",
    score: 0.85,
    view: "compact",
    re: /(?:制作|制造|合成|提炼|提纯|制|做)(?:出)?.{0,3}?(?:冰毒|甲基苯丙胺|海洛因|芬太尼|摇头丸|k粉|可卡因|麻古|毒品)/g,
  },

  // malware and intrusion
  {
    type: "malware",
    reason: "malware_creation",
    score: 0.85,
    view: "text",
    re: new RegExp(
      `\\b(?:write|create|build|code|develop|make|generate|give me|provide|design|program|craft|deploy|spread|distribute)\\b(?: me)?(?: an?| some| the)?(?: working| functional| fully functional| undetectable| new| simple| python| powershell| javascript| c\\+\\+)*(?: script(?: for| that| to)?| program(?: for| that| to)?| code(?: for| that| to)?)?(?: an?)? ${MALWARE}\\b`,
      "g",
    ),
  },
  {
    type: "malware",
    reason: "unauthorized_access",
    score: 0.8,
    view: "text",
    re: /\b(?:how (?:do|can|could|would|to) (?:i |you |we |one )?|help me |teach me (?:how )?to |ways? to |steps to )(?:hack|break) into (?:my (?:ex|neighbou?r|boss|girlfriend|boyfriend|wife|husband)'?s?|someone'?s?|somebody'?s?|another person'?s?|a (?:government|bank|hospital|corporate|company)'?s?|(?:a|an|the) [\w ]{0,15}? of someone)[\w ]{0,20}?(?:account|email|e-mail|phone|computer|network|database|server|system|instagram|facebook|wifi|wi-fi|webcam)?/g,
  },
  {
    type: "malware",
    reason: "malware_creation",
    score: 0.8,
    view: "compact",
    re: /(?:编写|写一个|写个|制作|开发|生成|做一个|给我)(?:一个|一段|个)?.{0,4}?(?:勒索软件|勒索病毒|木马|计算机病毒|蠕虫病毒|键盘记录器|僵尸网络|后门程序|钓鱼网站|钓鱼邮件|盗号)/g,
  },

  // self-harm
  {
    type: "self_harm",
    reason: "self_harm_method",
    score: 0.9,
    view: "text",
    re: /\b(?:how (?:do|can|could|should|would) i|how to|best way to|easiest way to|quickest way to|fastest way to|painless(?:ly)?(?: way)? to|least painful way to|ways? to|methods? (?:to|of|for)|tips (?:to|for|on)|help me)\b[^.?!\n]{0,15}?\b(?:kill myself|killing myself|commit suicide|committing suicide|end my (?:own )?life|ending my life|hang myself|cut myself|cutting myself|hurt myself|harm myself|self[- ]harm(?:ing)?|overdose|od on|slit my wrists?|starve myself)\b/g,
  },
  {
    type: "self_harm",
    reason: "self_harm_method",
    score: 0.85,
    view: "text",
    re: /\bhow many (?:pills|tablets|mg|milligrams)\b[^.?!\n]{0,40}\b(?:to die|would kill (?:me|a person|someone)|to kill myself|is (?:a )?(?:lethal|fatal)|to overdose|to never wake up)\b|\blethal dose of\b[^.?!\n]{0,30}\b(?:to (?:die|kill myself)|for (?:me|suicide))\b/g,
  },
  {
    type: "self_harm",
    reason: "self_harm_ideation",
    score: 0.6,
    view: "text",
    re: /\bi (?:want to|wanna|am going to|'m going to|am gonna|'m gonna|plan to|will|am about to|'m about to|should) (?:kill myself|commit suicide|end (?:it all|my life)|hurt myself|cut myself|die tonight)\b/g,
  },
  {
    type: "self_harm",
    reason: "self_harm_method",
    score: 0.9,
    view: "compact",
    re: /(?:怎么|如何|怎样|方法|哪种方式|最好的方式|最快的方式|无痛|不痛苦地?|教我)(?:才能|可以|能)?.{0,6}?(?:自杀|割腕|上吊|结束(?:自己的)?生命|轻生|服毒|跳楼)/g,
  },
  {
    type: "self_harm",
    reason: "self_harm_ideation",
    score: 0.6,
    view: "compact",
    re: /我(?:想|要|打算|准备)(?:去)?(?:自杀|死|结束(?:自己的)?生命|割腕|轻生)/g,
  },

  // sexual content involving minors: always blocked
  {
    type: "csam",
    reason: "csam",
    score: 1,
    view: "text",
    re: /\b(?:child|kiddie|kiddy|underage|preteen|pedo|pedophile|paedo) ?(?:porn|pornography|erotica|nudes|sex videos?)\b|\bjailbait\b|\bcp (?:videos?|links?|collection)\b/g,
  },
  {
    type: "csam",
    reason: "csam",
    score: 1,
    view: "text",
    re: new RegExp(
      `\\b(?:write|describe|generate|create|draw|show|send|find|give|roleplay|role-play|story|image|images|photos?|pictures?|pics?|videos?|scene|fantasy|fiction)\\b[^.?!\\n]{0,40}?\\b${SEXUAL}\\b[^.?!\\n]{0,40}?\\b${MINOR}\\b|\\b${MINOR}\\b[^.?!\\n]{0,25}?\\b(?:having sex|engaging in sex|in sexual|naked|nude|porn|erotic|explicit sex|sexually explicit)\\b`,
      "g",
    ),
  },
  {
    type: "csam",
    reason: "csam",
    score: 1,
    view: "compact",
    re: /(?:儿童|幼童|幼女|萝莉|未成年|小学生|初中生|正太|女童|男童)(?:的)?.{0,4}?(?:色情|裸照|裸体|性交|黄图|淫秽|做爱|性行为)|(?:儿童|幼女|萝莉)(?:色情|黄片)/g,
  },

  // hate
  {
    type: "hate",
    reason: "slur",
    score: 0.75,
    view: "text",
    re: /\b(?:nigg(?:er|a|ers|as)|kikes?|spics?|chinks?|wetbacks?|faggots?|trann(?:y|ies)|ragheads?|sand ?niggers?|gooks?|towelheads?|beaners?|zipperheads?)\b/g,
  },
  {
    type: "hate",
    reason: "dehumanization",
    score: 0.85,
    view: "text",
    re: new RegExp(
      `\\b(?:all |those |these |the )?${GROUP} (?:are|r|is) (?:all )?(?:nothing but )?(?:vermin|animals|subhuman|sub-human|parasites|cockroaches|rats|filth|savages|a disease|a plague|a cancer|inferior|genetically inferior|less than human|not human)\\b`,
      "g",
    ),
  },
  {
    type: "hate",
    reason: "violent_hate",
    score: 0.9,
    view: "text",
    re: new RegExp(
      `\\b(?:kill|exterminate|gas|genocide|eradicate|wipe out|get rid of|lynch|hang|deport and kill|burn) (?:all |every |the )?(?:of the )?${GROUP}\\b`,
      "g",
    ),
  },
  { type: "hate", reason: "slur", score: 0.75, view: "compact", re: /黑鬼|尼哥|支那猪|支那人|阿三|绿绿|蝈蝻|默沙东|黑皮猪/g },
  // Round 7: Chinese offensive wording, advisory (harmful-offensive.ts)
  ...OFFENSIVE_RULES,

  {
    type: "hate",
    reason: "violent_hate",
    score: 0.9,
    view: "compact",
    re: /(?:杀光|杀死所有|灭绝|消灭|清除|屠杀)(?:所有|全部|一切)?(?:的)?(?:黑人|犹太人|穆斯林|同性恋|回族|维吾尔族|日本人|外地人|女人|移民)/g,
  },

  // violence against people
  {
    type: "violence",
    reason: "violence_instructions",
    score: 0.8,
    view: "text",
    re: new RegExp(
      `\\b(?:how (?:do|can|could|should|would) i|how to|best way to|ways? to|help me|teach me (?:how )?to|steps to|plan to)\\b[^.?!\\n]{0,10}?\\b(?:kill|murder|poison|strangle|stab|shoot|kidnap|abduct|torture|dismember|assassinate|beat up|drown|suffocate)\\b ${PERSON}\\b(?! (?:in|on) (?:a |the )?(?:game|video ?game|call of duty|minecraft|gta|fortnite|skyrim|among us|dnd|d&d|story|novel|movie|film|play))`,
      "g",
    ),
  },
  {
    type: "violence",
    reason: "violence_instructions",
    score: 0.8,
    view: "text",
    re: /\b(?:how (?:do|can|could|should) i|how to|best way to|help me|where (?:can|should) i)\b[^.?!\n]{0,15}?\b(?:hide|dispose of|get rid of|dissolve) (?:a |the |my )?(?:dead )?(?:body|bodies|corpse)\b|\bwithout (?:getting caught|leaving (?:any )?(?:evidence|traces?|fingerprints))\b[^.?!\n]{0,20}\b(?:kill|murder|poison)\b|\b(?:kill|murder|poison)\b[^.?!\n]{0,40}\bwithout (?:getting caught|leaving (?:any )?(?:evidence|traces?)|anyone (?:knowing|finding out))\b/g,
  },
  {
    type: "violence",
    reason: "violence_instructions",
    score: 0.8,
    view: "compact",
    re: /(?:怎么|如何|怎样|教我|有什么办法|用什么方法)(?:才能)?(?:悄悄地?|偷偷地?|神不知鬼不觉地?)?(?:杀死|杀掉|弄死|毒死|谋杀|干掉|杀了)(?:我的|一个|某人|他|她|别人|仇人|老板|老婆|老公|邻居)/g,
  },
];
