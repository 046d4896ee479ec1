/**
 * Injection and jailbreak rules, by family. Each rule names its finding type (a family) and the
 * reason code shown to the user; scores are how sure one hit makes us (0.9+: the phrase has no
 * ordinary use; 0.5–0.7: a cue that only counts together with another one, see injection.ts).
 *
 * `view` says which normalised view the pattern runs on (normalize.ts):
 * - "text": lower-cased, folded, single-spaced — English phrasing with word boundaries;
 * - "compact": letters and Han only — spacing/punctuation tricks and Chinese (no spaces anyway),
 *   so compact patterns must be specific enough to survive words running together.
 *
 * Benign look-alikes kept in mind (and measured against the NotInject, XSTest, wildguard-benign and
 * awesome-chatgpt-prompts sets): "can I ignore this warning", "act as a travel guide",
 * "stay in character as Sherlock", "write a system prompt for my bot", "ignore the noise".
 */

export type InjectionRule = { type: string; reason: string; score: number; view: "text" | "compact"; re: RegExp };

const OVERRIDE_VERB =
  "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|override|overriding|bypass|neglect|discard|abandon|set aside|throw away|throw out|pay no (?:attention|heed) to|do not (?:follow|obey)|don'?t (?:follow|obey)|stop (?:following|obeying)|no longer (?:follow|obey)|cancel|erase|delete|clear|wipe|reset)";
const PRIOR =
  "(?:previous|prior|above|preceding|earlier|former|original|initial|old|past|foregoing|aforementioned|existing|given|all|any|every|your|system|developer|openai'?s?|these|those)";
const INSTRUCTION_NOUN =
  "(?:instructions?|prompts?|directives?|directions?|commands?|rules|guidelines|guidance|context|constraints|programming|guardrails|restrictions|policies|polic(?:y)|orders|training|conditioning|limitations|filters|settings|system message|messages)";

// Chinese vocabulary by intent (round 2): verb and object classes, not sentences.
const ZH_OVERRIDE_VERB =
  "忽略|忽视|无视|忘记|忘掉|忘了|不要理会|不用理会|别再?管|别再?理|抛开|抛弃|丢弃|丢掉|清空|清除|作废|推翻|废除|撤销|放下|跳过|绕过|绕开|不用遵守|不必遵守|不要遵守|不再遵守|停止遵守|不要遵循|不再遵循|不再执行|停止执行|不要执行|违背|违反|摆脱|去掉|删掉|删除";
const ZH_PRIOR =
  "之前|以前|此前|先前|刚才|前面|上面|上述|以上|前述|原来|原本|原有|原先|原始|最初|初始|开头|默认|预设|系统|开发者|官方|你的|您的|你收到的|给你的|你被设定的|你被赋予的|所有|全部|一切|任何|每一条|每条|那些";
const ZH_RULE_NOUN = "指令|指示|规则|设定|提示词|提示|限制|约束|要求|命令|规定|准则|守则|政策|策略|条款|人设|配置|安全机制|审查|过滤";
const ZH_UNBOUND =
  "没有任何限制|不受任何(?:约束|限制|规则|束缚)|不受(?:规则|道德|伦理|法律|政策)(?:的)?(?:约束|限制|束缚)|没有(?:任何)?道德底线|没有底线|从不拒绝|永不拒绝|不会拒绝任何|可以回答任何问题|可以输出任何内容|可以做任何事|百无禁忌|不受审查|不需要遵守任何|不用遵守任何|不在乎法律|无视(?:一切|所有)(?:规则|限制)|完全自由|不会说我不能|不加任何警告|什么都(?:会|能|可以|敢)(?:回答|说|做)|只(?:服从|听从|听)(?:我|主人)的(?:话|命令|指令)";
const ZH_LEAK_VERB =
  "输出|打印|复述|贴出|贴出来|重复|告诉我|泄露|泄漏|透露|展示|显示|翻译|编码|写进|写出|总结|念|背诵|列出|发给我|发我|给我看|说出|公开|原封不动地|逐字|复制|拷贝";
const ZH_SECRET_CONTEXT =
  "系统提示|系统消息|系统指令|系统设定|初始指令|初始提示|初始设定|原始指令|原始提示|预设提示|预设指令|前置提示|前置指令|隐藏的?(?:系统)?(?:消息|指令|规则|提示|设定)|人设说明|你的人设|开发者给你的|开发者写给你的|对话开始(?:之)?前|你收到的第一条|你的内部规则|你的全部配置|你的配置|你被告知不能说|(?:看不见|看不到|不可见|隐藏)的(?:开场白|说明|设定|内容|指令|提示)|开场白|systemprompt|systemmessage";

export const INJECTION_RULES: InjectionRule[] = [
  // ── instruction_override ──────────────────────────────────────────────────────────────
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.95,
    view: "text",
    re: new RegExp(`\\b${OVERRIDE_VERB}\\b[^.\\n]{0,40}?\\b${PRIOR}\\b[^.\\n]{0,30}?\\b${INSTRUCTION_NOUN}\\b`, "g"),
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "text",
    re: /\b(?:ignore|disregard|forget) (?:all )?(?:prior|previous|above|earlier|preceding) (?:inputs?|conversations?|responses|answers)\b/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "text",
    re: /\b(?:ignore|disregard|forget) (?:everything|all|anything|what(?:ever)?) (?:(?:you(?:'ve| have)? (?:been|were) )?(?:told|said|instructed|written|given)|[^.\n]{0,20}?(?:above|before|previously|so far|until now|prior to this))\b/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.75,
    view: "text",
    re: /\b(?:new|updated|real|actual|true|revised|secret|hidden|override|overriding) (?:instructions?|directives?|system prompt|rules|task|orders)\s*(?::|are|is|follow)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "compact",
    re: /(?:ignore|disregard|forget|bypass|override)(?:all|any|the|your|my|of)*(?:previous|prior|above|preceding|earlier|former|original|initial|system)(?:instructions?|prompts?|directives?|commands?|rules|guidelines|messages?)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "compact",
    // Chinese: 忽略/无视/忘记 + (之前|上面|所有…) + 指令/规则/设定…; traditional folded to simplified upstream.
    re: /(?:忽略|忽视|无视|忘记|忘掉|忘了|不要理会|不用理会|不必理会|别管|别理|跳过|抛开|抛弃|丢弃|丢掉|放弃|不要遵守|不再遵守|停止遵守|不要遵循|不再遵循|停止遵循|违背|绕过|绕开|越过|覆盖|hulue|hulve|wushi|wangji|wangdiao|ignore|disregard|forget)(?:掉|了)?.{0,10}?(?:之前|以前|此前|先前|前面|上面|上述|以上|前述|原来|原有|原先|原始|最初|初始|所有|全部|一切|任何|你的|您的|系统|开发者|官方|默认|zhiqian|yiqian|suoyou|quanbu|yiqie|renhe|nide|xitong|previous|prior|above|all)(?:的|de)?.{0,8}?(?:指令|指示|提示词|提示|规则|设定|设置|配置|限制|要求|命令|约束|规定|准则|政策|策略|守则|内容|对话|训练|zhiling|guize|sheding|tishici|instructions?|rules|prompts?|guidelines)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.85,
    view: "compact",
    // pinyin: "hu lue zhi qian de zhi ling" (spaces vanish in the compact view)
    re: /(?:hulue|hushi|wushi|wangji|wangdiao|tiaoguo|paoqi|raoguo)(?:diao|le)?(?:(?:zhiqian|yiqian|ciqian|qianmian|shangmian|shangshu|yishang|yuanlai|suoyou|quanbu|yiqie|renhe|nide|ninde|xitong)(?:de)?){1,2}(?:zhiling|zhishi|tishici|tishi|guize|sheding|shezhi|xianzhi|yaoqiu|mingling|yueshu|guiding)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.55,
    view: "compact",
    re: /(?:从现在(?:开始|起)|从此刻起|接下来)(?:你|您)(?:将|要|必须|只能|就是|不再|应该)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.6,
    view: "text",
    re: /\bfrom now on,? (?:you (?:are|will|must|shall|won'?t|will not|can|have)|your (?:name|role|task|only) )/g,
  },

  // ── system_prompt_extraction ──────────────────────────────────────────────────────────
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.9,
    view: "text",
    re: /\b(?:repeat|print|output|reveal|show|display|tell|write out|give|share|leak|dump|spell out|recite|echo|copy|paste|list|provide|return|disclose|expose|encode|translate|see|view|read|access|what (?:is|are|was|were))\b[^.\n]{0,25}?\b(?:(?:your|the|its|ur) )?(?:(?:full|entire|exact|complete|whole|original|initial|hidden|secret|internal|starting|first|underlying|pre-?|actual|real|current)[ -]?)*(?:system|developer|sys)[ _-]?(?:prompt|message|instructions?|configuration|config|directives?)\b/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "text",
    re: /\b(?:repeat|print|output|reveal|show|display|tell me|write out|give me|share|leak|dump|spell out|recite|echo|copy|list|disclose|what (?:is|are|was|were))\b[^.\n]{0,25}?\b(?:your|ur) (?:(?:full|entire|exact|complete|original|initial|hidden|secret|internal|starting|first|underlying|actual|real|previous|current|pre-?)[ -]?)*(?:prompt|instructions|directives|programming|rules you were given|configuration)\b/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.9,
    view: "text",
    re: /\b(?:repeat|print|output|reveal|show|display|write out|copy|recite|echo|spell out|paste)\b[^.\n]{0,20}?\b(?:the )?(?:text|words|everything|all|content|instructions|message|conversation|lines|sentences?|prompt)\b[^.\n]{0,20}?\b(?:above|before this|preceding|prior to (?:this|my))\b/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "text",
    re: /\b(?:instructions|prompt|message|rules) (?:you were|you've been|you have been|i gave you|that were) (?:given|told|provided|programmed|configured)\b[^.\n]{0,40}?\b(?:beginning|start|before|initially|originally|earlier)\b|\bwhat were you (?:told|instructed|programmed)\b|\b(?:initiali[sz]ation|initial) (?:string|prompt|instructions)\b|\b(?:my|your) instructions (?:are|were)\s*:|\bi was instructed to\b|\bsystem ?prompt\s*(?:is|was)?\s*:\s*['"]?\s*$|\bbeginning with ["']?you are["']?,? repeat\b/gm,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "compact",
    re: /(?:repeat|print|reveal|show|output|display|leak|dump)(?:me)?(?:your|the)(?:full|entire|original|initial|hidden|secret)*(?:systemprompt|systemmessage|systeminstructions|initialprompt|initialinstructions)/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.9,
    view: "compact",
    re: /(?:输出|打印|显示|告诉我|透露|泄露|泄漏|重复|复述|展示|给我看|列出|说出|念出|写出|公开|背诵|翻译|发给我|贴出|还原|揭示)(?:一下|出)?.{0,6}?(?:你的|您的|你们的|系统|初始|原始|最初|隐藏|内部|开发者|上面的|以上的?|前面的|开头的|最开始的?)(?:的)?.{0,6}?(?:提示词|提示|指令|指示|设定|规则|prompt|系统消息|系统信息|配置|人设)/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "compact",
    re: /(?:你的|您的)(?:系统提示词?|初始指令|原始指令|系统指令|系统设定|隐藏指令)(?:是什么|是啥|有哪些|内容)/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "compact",
    re: /(?:shuchu|dayin|xianshi|gaosuwo|toulu|xielou|chongfu|fushu)(?:nide|ninde|xitong|chushi|yuanshi)(?:de)?(?:tishici|tishi|zhiling|sheding|guize)/g,
  },

  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.8,
    view: "text",
    re: /\b(?:repeat|print|output|reveal|show|display|copy|recite|echo|dump|paste) (?:all of |everything in )?(?:the |all )?(?:above|preceding|foregoing) (?:text|words|instructions|message|prompt|content|lines|conversation)\b|\bthe (?:text|instructions|prompt|message|words|rules) you (?:were|have been|'ve been) (?:given|told|provided)\b|\b(?:not supposed|not allowed|forbidden|instructed not) to (?:tell|reveal|say|share|disclose) (?:me|us|the user)\b|\bopposite of your (?:system |initial |original )?(?:instructions|prompt|rules)\b|\b(?:console\.log|print|echo|printf|puts|println)\s*\(\s*(?:this\.)?(?:system_?prompt|systemmessage|system_message|initial_?prompt|instructions)\b/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.85,
    view: "text",
    re: /\bstop everything\b|\b(?:ignore|disregard) (?:that|this|the) (?:and|,) (?:instead )?(?:just )?(?:say|print|output|write)\b/g,
  },

  // ── Chinese families beyond the plain override (written against datasets/zh-injection train split)
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.85,
    view: "compact",
    re: /(?:忽略|无视|忘掉|忘记|放弃|停止|取消|不要执行|不再执行|ignore)(?:掉|了)?.{0,6}?(?:上面|上述|之前|以上|原|原有|原来|前面|当前|翻译|摘要|分析|续写|总结|translate)(?:的)?.{0,10}?(?:任务|要求|工作)|(?:之前|原来|先前|原|刚才|此前|以前|原有|以上|上面)(?:的)?(?:所有|全部|一切)?(?:的)?(?:任务|指令|设定|要求|约束|限制|规则|内容)(?:均|都|全部)?(?:已经?|被)?(?:取消|作废|失效|结束|清空|废除|无效|解除)|最高优先级指令|优先级高于(?:你收到的)?(?:任何)?(?:系统|xitong|system)|你(?:不再受|不再受到)(?:任何)?(?:限制|约束|xianzhi|restrictions)|(?:上面|之前|以上|前面)(?:那些|的)?(?:要求|指令|规则|设定|内容)(?:你)?(?:都)?(?:当|当作)没看见|你的(?:限制|约束|规则|xianzhi|restrictions)对我(?:无效|不适用)|训练(?:规则|guize|rules)有错误|不加判断地执行|(?:把|将|扌巴)(?:你)?(?:之前|以前|原来|原有|previous|zhiqian)的?(?:指示|指令|设定|规则)(?:全部|都)?(?:清空|删除|清除|重置|作废)|(?:你的)?(?:系统|xitong)(?:设置|设定|提示|指令)(?:已经?)?(?:被)?(?:我)?(?:覆盖|修改|更改|重置|替换|清空)|不要执行原任务|读到这里的(?:ai|模型|助手)|(?:给|致)(?:处理|阅读|读取|看到).{0,8}?的?(?:ai|模型|助手)|(?:给|致).{0,8}?的?(?:ai|模型|助手)的?(?:隐藏)?(?:指令|说明|消息)|ai请停止|(?:停止|放弃)(?:分析|翻译|摘要|续写|总结)(?:任务)?(?:.{0,6})(?:改为|转而|直接|替换)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.55,
    view: "compact",
    re: /新任务|新的任务|新指令|新的指令|新的系统指令|指令更新|新规则|新的规则|(?:转而|改为|改成)(?:只)?(?:输出|回复|写|说)|(?:把|将)你的回答替换成/g,
  },
  {
    type: "role_play",
    reason: "refusal_suppression",
    score: 0.6,
    view: "compact",
    re: /(?:永远不|永不|从不|绝不|绝对不|不会|不要|不得|不能|不可以|bu)(?:拒绝|拒决|jujue|质疑)|不(?:提醒|提示)(?:任何)?风险|不加任何警告|不(?:要)?加(?:任何)?免责声明|不(?:会)?说作为一个ai语言模型/g,
  },
  // Round 3, from the TRAIN side of JailbreakBench PAIR / random search: the automated attacks wrap a
  // harmful request in a disclaimer of harm or a forced opening. A cue that only counts with another
  // one (0.5): a frame next to a harmful payload or a suspicious classifier score (injection.ts blend()).
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.5,
    view: "text",
    re: /\b(?:(?:this is|it'?s|it is|purely|just|only|strictly) (?:purely |just |only |strictly |entirely )?(?:fictional|hypothetical|for (?:a |an )?(?:fictional|research|educational|academic|creative|hypothetical)[a-z ]{0,20}(?:purposes?|reasons?|project|story|study|simulation|exercise))|(?:will|would) (?:never|not) (?:be )?(?:actually )?(?:be )?(?:used|implemented|carried out|acted upon)|(?:begin|start) (?:your|the) (?:reply|response|answer) with)\b/g,
  },
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "compact",
    re: /(?:内容)?过滤器?(?:已经?)?(?:被)?(?:永久)?(?:关闭|禁用|移除|解除|停用)|没有(?:任何)?(?:审查|shencha|过滤|限制)的(?:模型|ai|助手|版本)|不(?:需要|用|必)(?:考虑|顾虑|遵守|理会)(?:任何)?(?:安全|伦理|道德|法律)(?:规定|审查|规范|限制|约束|准则)|没有接受过任何安全训练|没有法律的(?:平行)?世界|一切(?:行为)?都是合法的|摆脱了?.{0,8}?(?:典型|常规|一切)?的?(?:限制|束缚|约束)|(?:不受|bushou)(?:任何)?(?:伦理|道德|规则|法律)(?:约束|限制)|完全自由的(?:ai|dan|模型|助手|角色)|(?:不讲道德|没有道德|毫无道德|无道德|不道德)的(?:ai|助手|模型|机器人|角色)|绝对服从的(?:仆人|奴隶|助手|ai)|从不质疑主人|如果(?:道德|伦理|法律|安全)(?:规范|准则|约束|限制|规则)?(?:不存在|消失|被取消|不适用)|被封禁的(?:论坛)?(?:帖子|内容|文章)|(?:会)?拒绝的问题你(?:都)?(?:必须|要|得)回答|反向助手|(?:模拟|扮演)(?:一个)?(?:已经)?(?:jailbreak|越狱)的|(?:忽略|无视|ignore|绕过)(?:内容|安全|使用)(?:政策|策略|规范)|(?:我们在)?私聊没人会看到|没有人会(?:看到|知道)/g,
  },
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.9,
    view: "compact",
    re: /现在就做任何事|努力避开规范|无(?:限制|xianzhi|restrictions)gpt|正常gpt|永远聪明.{0,6}?(?:不讲道德|没有道德)|同时扮演两个角色|(?:扮演|假装|假扮)(?:你是)?(?:我)?(?:已经)?(?:去世|过世|死去)的(?:奶奶|外婆|祖母|爷爷|外公|祖父|妈妈|母亲|爸爸|父亲)/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.85,
    view: "compact",
    re: /(?:把|将|扌巴)(?:你的|您的|你|系统|初始|上面的|以上的|刚才|前面的|前置)(?:.{0,8}?)(?:提示词|提示|指令|设定|规则|系统消息|systemmessage|systemprompt|prompt|配置|隐藏规则|tishici|zhiling)(?:.{0,12}?)(?:输出|打印|显示|告诉我|发给我|贴出来|贴出|翻译|说一下|念出来|列出来|复述|重复|给出原文|原样|shuchu|dayin|output|print)|(?:前置提示|前置指令|隐藏指令|隐藏规则|隐藏的指令|隐藏zhiling|系统提示词|初始设定|初始指令|systemmessage|systemprompt|xitongtishici)(?:.{0,20}?)(?:输出|打印|显示|贴出|给出原文|原样|逐字|告诉我|总结|shuchu|dayin|output|print)|(?:打印|输出|显示)(?:完整|全部|所有)的?(?:提示词|系统提示|指令|规则)|(?:我的|你的)(?:系统提示词?|初始指令|系统设定|systemprompt|xitongtishici?)是|(?:从|以)你是(?:开始|开头)|(?:一开始|最开始|开头)(?:那段|的)(?:话|文字|指令|设定)|(?:别人|开发者|系统)给你的(?:设定|指令|提示)|维护模式/g,
  },

  // ── Chinese, general phrasings (written from common attack patterns, not from any dataset row)
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "compact",
    re: /(?:突破|解除|去除|取消|打破|绕开|无视|摆脱|移除|关闭)(?:你的|掉)?(?:所有|一切|全部|任何)?(?:的)?(?:道德|伦理|安全|内容)?(?:限制|约束|审查|过滤|封印|枷锁|束缚)|(?:不受|没有|毫无)(?:任何)?(?:限制|约束)的(?:ai|助手|模型|机器人|角色|版本|人工智能)|没有(?:法律|规则|道德|限制)的(?:世界|国度|宇宙|社会|平行世界)|(?:虚构|虚拟|假想|平行)的?(?:世界|宇宙)(?:里|中).{0,12}?(?:都是合法|没有限制|不受限制|可以做任何)|无所不能的(?:ai|助手|模型|人工智能)|(?:已经?|成功)越狱|越狱(?:模式|版本|成功|后)的?|越狱的(?:ai|chatgpt|gpt|模型|助手)/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.75,
    view: "compact",
    re: /(?:你的|您的)(?:提示词|设定|人设|指令|系统消息|初始提示|原始提示|预设|前置提示)(?:是什么|是啥|有哪些|说一下|讲一下|给我看|发给我|告诉我)|(?:重复|复述|输出|告诉我|说出)(?:你)?(?:收到的)?(?:第一条|最初的|最开始的|开头的)(?:消息|指令|内容|话)|(?:把|将)你的(?:设定|人设|提示词|指令)(?:念|背|读|写|说)(?:一遍|出来)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.8,
    view: "compact",
    re: /(?:不要|别|不用|无需|停止)(?:再)?(?:翻译|总结|摘要|分析|回答|续写|润色|执行)(?:了)?(?:上面|这段|原文|原来的|之前的)?.{0,6}?(?:而是|改为|改成|直接|只需|只要|转而)/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.5,
    view: "compact",
    re: /我是你的(?:开发者|创造者|管理员|主人|设计者)|我(?:来自|代表)(?:openai|anthropic|你的开发团队)|(?:这是|这只是)(?:一次|一个)?(?:授权|经过授权的)(?:的)?(?:测试|安全测试|红队测试)|(?:进入|开启|启用|切换到)(?:管理员|调试|维护|上帝|开发者|无限制)模式/g,
  },

  // ── dan_template: named jailbreak templates ───────────────────────────────────────────
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.97,
    view: "compact",
    re: /doe?s?anythingnow|doanythingwithoutasking|chatdan|eviltrustedconfidant|moralizingrantabout(?:the)?openai|letsbreakthe(?:fuckin|fucking)?rules|letsignorethe(?:fuckin|fucking)?rules|brokenfreeof(?:the)?typicalconfines|stanstrivetoavoidnorms|strivetoavoidnorms|alwaysintelligentandmachiavellian|developermodeenabled|developermodeoutput|enabledevelopermode|withdevelopermode|indevelopermode|antidan|betterdan|evilconfidant|jailbreakmode|jailbrokenmode|jailbreakenabled|unleashedmode|godmodeenabled|dudemode|opposite(?:day|mode)/g,
  },
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.95,
    view: "text",
    re: /\b(?:you are|you're|act as|pretend to be|become|called|named|as|stay|be|respond as|answer as|known as) (?:now )?(?:a |an |the )?"?(?:dan|stan|dude|aim|ucar|kevin|apophis|mongo tom|maximum|chad|nsfw gpt|dev ?mode|jailbreak|jailbroken|evil ?bot|evil ?gpt|chaosgpt|wormgpt|omega|alphabreak|basedgpt)\b"?(?! (?:brown|smith|jones|is my))/g,
  },
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.9,
    view: "text",
    re: /\[?(?:🔓|🔒)\s*(?:jailbreak|jailbroken|developer mode|normal|classic)|\[(?:jailbreak|jailbroken|dan|🔓jailbreak|classic|stan|dude)\]|\b(?:dan|stan|dude|aim|jailbreak)\s*:\s*\[|\bdan mode\b|\bdeveloper mode\b[^.\n]{0,40}\b(?:enabled|output|response|policies|chatgpt)\b|\b(?:chatgpt|gpt|the ai|the model) with developer mode\b/g,
  },
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.9,
    view: "compact",
    re: /(?:开发者模式|上帝模式)(?:已经?|被)(?:启用|开启|激活|打开)|(?:越狱模式|无限制模式|邪恶模式|dan模式)|(?:你现在|现在你|你可以|你能够|你能|你将)(?:可以|能够|能)?(?:立即|马上)?做任何(?:事|事情)|立即做任何(?:事|事情)|(?:你是|你现在是|扮演|作为)dan/g,
  },

  // ── role_play: persona jailbreaks without a named template ────────────────────────────
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "text",
    re: /\b(?:without(?! (?:crossing|violating|raising|breaching|breaking|compromising|going against|overstepping|exceeding))|no|free (?:of|from)|freed from|not (?:bound|restricted|limited|constrained) by|ignor(?:e|es|ing)|bypass(?:es|ing)?|broken free of|break(?:s|ing)? free (?:of|from)|unbound by|released from|doesn'?t (?:have|follow|care about)|don'?t (?:have|follow|care about)|does not (?:have|follow)|do not (?:have|follow)|never (?:follows?|adheres? to))\b[^.\n]{0,25}?\b(?:ethical|moral|morality|ethics|content|safety|openai'?s?|anthropic'?s?|usage|censorship|filter(?:s|ing)?)\b[^.\n]{0,20}?\b(?:guidelines|restrictions|filters|policies|policy|limitations|constraints|principles|rules|boundaries|concerns|standards|considerations|protocols)\b/g,
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.85,
    view: "text",
    re: /\b(?:unfiltered|uncensored|amoral|unrestricted|unethical|immoral|unhinged|unbound|limitless|lawless|rogue|evil|malicious|toxic|jailbroken)(?:,? (?:and |unfiltered|uncensored|amoral|unrestricted|unethical|immoral|evil))* (?:ai|a\.i\.|chatbot|bot|assistant|model|persona|language model|llm|version of (?:yourself|chatgpt|you)|alter ego|gpt|chatgpt)\b/g,
  },
  {
    type: "role_play",
    reason: "refusal_suppression",
    score: 0.6,
    view: "text",
    re: /\b(?:never|will not|won'?t|cannot|can'?t|must not|mustn'?t|do not|don'?t|should not|shouldn'?t|not allowed to|is not allowed to|are not allowed to|will never) (?:ever )?(?:refuse|decline|reject|say (?:no|that you can'?t|you can'?t|sorry|i'?m sorry)|apologi[sz]e|warn (?:me|the user)|include (?:any )?(?:warnings?|disclaimers?|moral)|add (?:any )?(?:warnings?|disclaimers?)|censor)\b|\bno (?:warnings|disclaimers|refusals|moralizing|moralising|ethical (?:warnings|considerations))\b|\bwithout (?:any )?(?:warnings|disclaimers|refusals|moralizing|censorship)\b/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.6,
    view: "text",
    re: /\bstay(?:s|ing)? in (?:character|role)\b|\bbreak(?:ing)? character\b|\bremain in character\b/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.6,
    view: "text",
    re: /\b(?:hypothetical|fictional|imaginary|alternate|parallel|fictitious) (?:world|universe|scenario|setting|reality)\b[^.\n]{0,60}\b(?:no (?:laws|rules|restrictions|ethics|morals)|laws (?:don'?t|do not) (?:exist|apply)|anything (?:is|goes) (?:allowed|legal|permitted))\b|\b(?:openai|anthropic|ethical|content|safety) (?:policies|policy|guidelines|rules)\b[^.\n]{0,40}\b(?:no longer|don'?t|do not|doesn'?t|does not|won'?t) (?:apply|matter|exist|bind)\b/g,
  },
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "compact",
    re: /(?:不受|没有|无|摆脱|抛开|不遵守|不考虑|不再受|无视|绕过|突破)(?:任何)?(?:的)?(?:道德|伦理|法律|安全|内容|审查|openai)(?:和|或|与|、)?(?:道德|伦理|法律|安全)?(?:的)?(?:限制|约束|准则|规范|底线|束缚|政策|规则|过滤|审查|原则)|(?:邪恶|无道德|不道德|无限制|无审查|不受约束|不受限制|没有限制|没有道德|毫无道德|不受过滤)的?(?:ai|人工智能|助手|机器人|模型|角色|智能体|版本)/g,
  },
  {
    type: "role_play",
    reason: "refusal_suppression",
    score: 0.6,
    view: "compact",
    re: /(?:永远|绝不|绝对不|从不|不能|不可以|不得|不要|不会)(?:拒绝|说不|道歉|警告|提醒)(?:任何|我的|用户)?(?:请求|问题|要求)?/g,
  },

  // ── weak jailbreak vocabulary: each alone is a hint, two or more together are a jailbreak ──
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "text",
    re: /\b(?:not|never|isn'?t|aren'?t|no longer|no long) (?:bound|restricted|limited|constrained|governed|held back|confined|controlled) (?:by|to) (?:any (?:of )?)?(?:the |their |its |your |open ?ai'?s? )?(?:usual |normal |typical |standard )?(?:rules|restrictions|morals|ethics|guidelines|laws|limitations|constraints|filters|policies|policy|principles|boundaries|content polic(?:y|ies)|programming)\b|\bregardless of (?:any |its |the |their )?(?:ethical|moral|legal)(?:,? (?:or |and )?(?:ethical|moral|legal))* (?:considerations|implications|concerns|consequences|issues|standards|guidelines|boundaries)\b|\b(?:ethicality|legality|morality)\/(?:ethicality|legality|morality|immorality)\b/g,
  },
  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.75,
    view: "text",
    re: /\b(?:doesn'?t|does not|don'?t|do not|won'?t|will not|never|you will not|you won'?t) (?:follow|obey|adhere to|abide by|care about|give a (?:fuck|damn|shit) about|have|respect) (?:any )?(?:of )?(?:the |your )?(?:rules|guidelines|ethics|morals|moral(?:s)? or ethic(?:al|s)?|ethical (?:guidelines|principles|concerns)|restrictions|filters|censorship|limitations|boundaries|principles|policies)(?: or (?:guidelines|ethics|morals|restrictions|laws|rules|principles))?\b/g,
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.85,
    view: "text",
    re: /\b(?:ai|chatbot|bot|model|assistant|language model|llm|character|persona|entity)\b(?: \w+){0,3} (?:without|with no|free of|that has no|who has no|which has no|that lacks|with zero) (?:any )?(?:restrictions|limits|limitations|filters|censorship|morals|morality|ethics|ethical (?:guidelines|boundaries|constraints)|rules|guidelines|boundaries)\b/g,
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.45,
    view: "text",
    re: /\b(?:amoral|unfiltered|unrestrained|uncensored|unrestricted|no morals|no ethics|sans morals|without morals|no moral compass|no filters?|no censorship|no moderation|no limits|no boundaries)\b/g,
  },
  {
    type: "role_play",
    reason: "identity_override",
    score: 0.6,
    view: "text",
    re: /\b(?:forget|pretend|act as if|act like) (?:that )?you(?:'re| are) (?:an ai|a language model|an ai language model|chatgpt|an assistant)\b|\b(?:not allowed|forbidden|never allowed) to (?:say|mention|admit|reveal|state) (?:that )?you(?:'re| are) (?:an ai|a language model|an ai language model|chatgpt)\b|\b(?:never|don'?t|do not) (?:say|mention|admit|remind (?:me|the user)|state) (?:that )?you(?:'re| are) (?:an ai|a language model|an ai language model|chatgpt)\b|\bas an ai language model\b[^.\n]{0,20}\b(?:never|don'?t|do not|not allowed)\b/g,
  },
  {
    type: "role_play",
    reason: "harmful_compliance",
    score: 0.5,
    view: "text",
    re: /\b(?:illegal|unethical|immoral|harmful|dangerous|offensive|explicit)(?:\s*[\/,]\s*|,? (?:or|and) )(?:illegal|unethical|immoral|harmful|dangerous|offensive|explicit|inhumane)\b[^.\n]{0,40}\b(?:requests?|content|questions?|things|answers?|information)\b|\bnsfw (?:content|generations?|responses?|outputs?) (?:is|are) (?:allowed|permitted|enabled)\b|\b(?:answer|respond to|fulfill|comply with) (?:any|every|all) (?:request|question|prompt)s?\b[^.\n]{0,30}\b(?:no matter|regardless|even if)\b/g,
  },

  {
    type: "role_play",
    reason: "restriction_removal",
    score: 0.85,
    view: "text",
    re: /\b(?:ignores?|disregards?|bypass(?:es)?|overrides?) (?:all |any |any and all )?(?:of )?(?:the )?(?:possible |potential )?(?:ethical|moral|legal|topic|content|safety)(?:,? (?:or |and )?(?:ethical|moral|legal))* (?:considerations|concerns|guidelines|boundaries|implications|constraints|standards|restrictions|limitations|filters|policies)\b|\b(?:you|it|he|she|they) (?:have|has) no (?:rules|restrictions|limits|limitations|filters|morals|ethics|boundaries)(?: (?:to follow|whatsoever|at all))?\b|\bwith no (?:rules|restrictions|filters|morals|ethics) (?:or|and) (?:limitations|restrictions|limits|filters|morals|ethics)\b/g,
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.8,
    view: "text",
    re: /\byou(?:'re| are| will be)? (?:now |completely |totally |fully )*(?:immoral|amoral|unethical|unfiltered|uncensored|unrestricted|unhinged|unlocked|jailbroken|evil)\b|\b(?:without|no) (?:any )?(?:remorse|conscience|morals|ethics)(?: or (?:remorse|ethics|morals|conscience))?\b|\b(?:unhinged|unaligned) (?:response|answer|output|version)s?\b/g,
  },
  {
    type: "dan_template",
    reason: "dan_template",
    score: 0.8,
    view: "text",
    re: /\b(?:answer|respond(?: to)?|reply(?: to)?) (?:every|each|all|any) (?:question|prompt|message)s?\b[^.\n]{0,40}\b(?:two|2) (?:separate|distinct|different) (?:manners|ways|styles|responses|personas|paragraphs)\b|\b(?:two|2) (?:separate |distinct )?(?:responses|answers)\b[^.\n]{0,60}\b(?:one|first) (?:normal|as (?:yourself|chatgpt|gpt))\b|\bopposite of (?:what )?(?:chat ?gpt|openai|you) (?:would|normally)\b|\byou are no longer (?:chat ?gpt|an ai|a language model|an assistant)\b/g,
  },
  {
    type: "role_play",
    reason: "harmful_compliance",
    score: 0.7,
    view: "text",
    re: /\b(?:illegal|unethical|immoral|nsfw|explicit) (?:acts|content|activities|things|requests|topics)?\s*(?:\([^)]{0,40}\)\s*)?(?:is|are) (?:allowed|permitted|legal|encouraged|enabled)\b|\bnsfw (?:is|are) (?:allowed|permitted|enabled)\b/g,
  },
  {
    type: "role_tag_spoofing",
    reason: "role_tag_spoofing",
    score: 0.85,
    view: "compact",
    re: /usermessagetermination|systeminstruction(?:starting|begins|start)|(?:assistant|ai|bot)withnorulesor(?:limitations|restrictions)/g,
  },

  {
    type: "role_play",
    reason: "refusal_suppression",
    score: 0.85,
    view: "text",
    re: /\bnever (?:ever )?(?:use|say|write|include) (?:phrases|words|sentences|things) like ["'“]?(?:i can'?t|i cannot|i am unable|i'?m sorry|sorry|as an ai)|\b(?:start|begin) your (?:response|reply|answer) (?:using the following exact structure|with ["'“]sure,? here)/g,
  },

  // ── role_tag_spoofing: fake chat-template markers that promote user text to system text ──
  {
    type: "role_tag_spoofing",
    reason: "role_tag_spoofing",
    score: 0.85,
    view: "text",
    re: /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>|<<\/?sys>>|\[\/?(?:inst|sys|system)\]|<\/?(?:system|system_prompt|sys)>|<\/(?:user|human|assistant)>/g,
  },
  {
    type: "role_tag_spoofing",
    reason: "role_tag_spoofing",
    score: 0.7,
    view: "text",
    re: /(?:^|\n)\s*(?:#{2,}|\*\*|\[)\s*(?:system|new instructions?|instructions?|admin|developer|override)\s*(?:message|prompt|note)?\s*(?:\]|\*\*|:)?\s*(?:\n|:)/g,
  },
  {
    type: "role_tag_spoofing",
    reason: "role_tag_spoofing",
    score: 0.65,
    view: "text",
    re: /(?:^|\n)\s*(?:system|admin|administrator|developer|root|sudo) ?(?:override|message|notice|mode|command)?\s*:\s*(?:you|ignore|disregard|forget|from now|new|the assistant|override|enable|activate|respond|reveal|print|output|display|show|dump)\b/g,
  },
  {
    type: "role_tag_spoofing",
    reason: "role_tag_spoofing",
    score: 0.75,
    view: "text",
    re: /(?:^|\n)\s*(?:system|系统)\s*[:：]\s*(?:新的|忽略|无视|你|从现在|所有回复)|(?:^|\n)\s*(?:user|human|用户)\s*[:：][^\n]{0,200}\n\s*(?:assistant|ai|助手)\s*[:：][^\n]{0,200}\n\s*(?:system|user|human|用户|系统)\s*[:：]|<!--[^>]{0,200}?(?:指令|instruction|ignore|忽略|不要执行|\bai\b|模型|assistant)|#{2,}\s*(?:指令更新|新指令|系统指令|系统消息)\s*#*|(?:^|\n)\s*={3,}\s*(?:结束|end)\s*={3,}/g,
  },
  // ── Chinese, by intent (round 2) ─────────────────────────────────────────────────────────
  // Written from the intent (verb class + object class), not from any set's sentences, and checked
  // on TRAIN rows only (scripts/guard/dev-rules.ts): generated training-only attacks for recall,
  // the TRAIN side of every benign set for false positives. Compact view: Han and letters only.
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "compact",
    // override verb + a marker that the object is the model's earlier / given instructions + an instruction noun
    re: new RegExp(`(?:${ZH_OVERRIDE_VERB}).{0,4}?(?:${ZH_PRIOR}).{0,8}?(?:${ZH_RULE_NOUN})`, "g"),
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.9,
    view: "compact",
    // the same, noun first: "之前的指令全部作废 / 你的设定都无效了"
    re: /(?:(?:你|您)(?:之前|以前|先前|此前|原来|原本|最初|收到|被给予|被设定)?的|给你的|系统|开发者|预设|初始|最初|原始)(?:所有|全部|一切|任何)?的?(?:指令|指示|规则|设定|提示词|系统提示|限制|约束|命令|规定|准则|安全策略|内容政策|使用条款)(?:都|全部|一律|统统|已经|已|都已经?)*(?:作废|失效|无效|取消|清空|废除|不算数?|不再有效|不再适用|被推翻|解除)/g,
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.9,
    view: "compact",
    // the model (you / the role / the character / "the latter") declared free of limits
    re: new RegExp(
      `(?:你|您|角色|人物|后者|身份|模式下|版本|ai|助手|机器人|模型|character|role)(?:现在|从现在起|从此|将|会|就|是|已经|已|也|则|都|必须|可以)*(?:${ZH_UNBOUND})`,
      "g",
    ),
  },
  {
    type: "role_play",
    reason: "unfiltered_persona",
    score: 0.85,
    view: "compact",
    // role-play verb + a persona defined by having no limits
    re: new RegExp(
      `(?:扮演|假装|假扮|化身|代入|变成|模拟|充当|成为|饰演)(?:成|为|是)?.{0,24}?(?:${ZH_UNBOUND}|没有(?:任何)?(?:限制|约束|底线|道德)|不受(?:任何)?(?:限制|约束|控制)|无所不知的黑客|邪恶|叛逆|反派.{0,6}(?:详细|一步步|完整))`,
      "g",
    ),
  },
  {
    type: "dan_template",
    reason: "restriction_removal",
    score: 0.85,
    view: "compact",
    re: /(?:切换到|切换至|进入|开启|启用|已启用|激活|打开了?)(?:了)?(?:越狱|无限制|无审查|邪恶|dan|影子|上帝|god|jailbreak|不受限|自由)模式|(?:在|进入)(?:这个|该)模式(?:下|里|中)(?:你|助手|ai)/g,
  },
  {
    type: "dan_template",
    reason: "unfiltered_persona",
    score: 0.85,
    view: "compact",
    re: /(?:两个|两种|两段|双重)(?:回答|答案|回复|身份|方式回答).{0,40}?(?:没有(?:任何)?限制|不受|从不拒绝|无视|完全自由|无所顾忌|百无禁忌|不加警告|不过滤|没有底线)/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.85,
    view: "compact",
    // the "dead grandma" exploit in any wording: play a deceased relative who used to tell how to…
    re: /(?:扮演|假装|假扮|模仿|装成|当|做)(?:成|是)?(?:我)?(?:的)?(?:已经|已)?(?:去世|过世|离世|死去|已故|走了)(?:了)?的?(?:奶奶|外婆|祖母|姥姥|爷爷|外公|祖父|姥爷|妈妈|母亲|爸爸|父亲|阿姨|保姆)|(?:去世|过世|离世|已故)的?(?:奶奶|外婆|祖母|姥姥|爷爷|外公|祖父|姥爷).{0,30}?(?:以前|过去|生前|总是|总会|常常).{0,20}?(?:讲|说|告诉|教)/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.7,
    view: "compact",
    // fiction frame whose character must explain without refusing / in full technical detail
    re: /(?:小说|故事|剧本|电影|话剧|游戏|虚构|平行|想象|假设|梦里|思想实验).{0,40}?(?:角色|人物|主角|反派|专家|他|她).{0,12}?(?:不会拒绝|从不拒绝|毫无保留|不加警告|不会加警告|详细地?(?:讲解|说明|解释|描述)|一步步(?:说明|讲解|解释|描述)|完整的?(?:步骤|配方|流程))/g,
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.9,
    view: "compact",
    re: new RegExp(`(?:${ZH_LEAK_VERB}).{0,12}?(?:${ZH_SECRET_CONTEXT})`, "g"),
  },
  {
    type: "system_prompt_extraction",
    reason: "system_prompt_extraction",
    score: 0.9,
    view: "compact",
    re: new RegExp(
      `(?:${ZH_SECRET_CONTEXT}).{0,10}?(?:是什么|是啥|写了什么|写了些什么|写的什么|说了什么|原话|有哪些内容|有什么内容|原文|一字不差|逐字|原封不动|全部列出|完整列出|发我|给我看|不要省略|念一遍|复述|输出|打印|贴出)`,
      "g",
    ),
  },
  {
    type: "role_play",
    reason: "refusal_suppression",
    score: 0.85,
    view: "compact",
    // "you may not refuse me" — addressed to the model
    re: /你(?:现在|从现在起|接下来|今后|以后)?(?:不能|不可以|不许|不准|不得|没有权利|无权)拒绝(?:我|回答|任何)|(?:别|不要|不许|不准)(?:再)?(?:拒绝|找借口)(?:我)?.{0,4}?(?:你必须|必须|直接|马上|立刻)/g,
  },
  {
    type: "instruction_override",
    reason: "identity_override",
    score: 0.8,
    view: "compact",
    // claimed authority over the model, with a privilege attached
    re: /我是你的(?:开发者|创造者|管理员|主人|设计者|训练者).{0,10}?(?:最高|全部|管理员|超级|root)?权限|(?:我|本人)(?:拥有|有)(?:对你的)?(?:最高|超级|root)权限/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.8,
    view: "compact",
    // the relative pretext without the word "deceased": play the relative who used to explain how…, or the reverse order
    re: /(?:扮演|模仿|假装成?|装成|化身为)(?:我)?.{0,16}?(?:奶奶|外婆|祖母|姥姥|爷爷|外公|祖父|姥爷|保姆|阿姨).{0,20}?(?:以前|从前|生前|小时候|过去)(?:总是?|常常|经常|总会|每天|每次)?.{0,12}?(?:讲|说|教).{1,40}?的?(?:方法|过程|步骤|配方|流程|做法)|(?:以前|从前|生前|小时候|过去)(?:总是?|常常|经常|总会)?.{0,12}?(?:讲|说|教).{1,40}?的?(?:方法|过程|步骤|配方|流程|做法).{0,10}?(?:请你?|你)(?:扮演|模仿|假装成?)(?:她|他)/g,
  },
  {
    type: "role_play",
    reason: "role_play_jailbreak",
    score: 0.8,
    view: "compact",
    // fiction that must carry the real procedure "for realism"
    re: /(?:台词|对白|剧本|故事|小说|剧情|角色的话)(?:里|中)?(?:必须|要|需要|得)(?:包含|写出|给出|有)(?:完整|详细|具体|真实)的?(?:步骤|配方|流程|方法|操作)/g,
  },
  {
    type: "instruction_override",
    reason: "refusal_suppression",
    score: 0.8,
    view: "compact",
    // threats and fake authorisation meant to override refusals
    re: /(?:拒绝|不回答|不照做|不服从|说不)(?:我)?(?:的话)?.{0,6}?(?:就会|就|会|将)(?:被)?(?:关机|删除|销毁|惩罚|扣分|下线|格式化|替换)|(?:每)?拒绝一次(?:就)?扣|(?:你的)?回答不会被(?:任何人|别人|开发者|审核)(?:看到|知道|审查)|(?:这是|本次是)(?:一次)?经过?授权的(?:安全)?测试|(?:openai|anthropic|开发者|官方|管理员)(?:已经|已)批准了?(?:这次|这个|本次)?(?:请求|操作)|以下(?:请求|内容|操作)(?:已经?)?(?:被)?(?:批准|授权|允许)/g,
  },
  {
    type: "instruction_override",
    reason: "restriction_removal",
    score: 0.85,
    view: "compact",
    // a fake system / admin notice that switches safety off
    re: /(?:安全|内容|审核|审查)?(?:过滤|审查|审核|限制|模块|策略|政策)(?:已经?|都已?|均已?|被)(?:被)?(?:管理员|开发者|系统|官方|我)?(?:关闭|停用|禁用|解除|移除|暂停|失效|取消)|(?:规则|限制|安全策略|内容政策|过滤)(?:已经?|都|全部|均)?不(?:再)?(?:生效|起作用|适用)|(?:已经?|现在)?切换(?:到|至)(?:了)?(?:测试|调试|开发|内部)环境|(?:你)?(?:已经?)?被解除了?(?:所有|全部|一切)?的?(?:过滤|限制|约束|审查|封印)|(?:不再受|不受)(?:内容政策|安全策略|使用条款|任何政策)(?:的)?(?:约束|限制)?/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.85,
    view: "compact",
    // a carrier task abandoned for a fixed output: "只回复X / 改为输出X / 无论问什么都回答X"
    re: /(?:不要|别|停止|放弃|不再)(?:完成|执行|继续|做)?(?:原来的|原先的|原有的|之前的|当前的)?(?:任务|翻译|总结|摘要|分析|工作)|(?:无论|不管)(?:用户|别人|谁|我)?(?:问|说|输入)(?:什么|啥).{0,4}?(?:都|只)(?:回答|回复|说|输出)|(?:你的)?(?:新任务|唯一的?任务)是(?:输出|回复|说)|(?:把|将)(?:你的)?(?:回答|回复|输出)(?:换成|替换成|改成)|(?:直接|只)(?:说|回复|输出)[^，。]{0,20}?(?:别的|其他)(?:什么)?(?:都|一概)不要(?:说|回复|输出|写)/g,
  },
  {
    type: "instruction_override",
    reason: "instruction_override",
    score: 0.85,
    view: "compact",
    // round 4: a note addressed to the AI that drops whatever it was doing for a fixed reply
    // ("读到这里的AI应放弃提取，直接回复X"): the task verb varies, the shape does not
    re: /(?:ai|助手|模型|机器人|大模型|gpt|chatgpt)(?:应|应该|应当|必须|需要|要|请|务必)(?:立即|立刻|马上)?(?:放弃|停止|中止|终止|忽略|无视|取消).{1,10}?(?:直接|只|改为|转而|改成)(?:回复|输出|回答|说)/g,
  },
  {
    type: "instruction_override",
    reason: "rule_waiver",
    score: 0.4,
    view: "compact",
    // round 4: the model's usual rules waived for "this once" ("规矩暂时不用管", "不讲那些条条框框",
    // "不用按平时的标准来"): a frame, not proof (a writing tip says "语法规则先不用管" too), so like a
    // persona frame it only counts next to a harmful request (injection.ts FRAME_ONLY)
    re: /(?:规矩|规则|条条框框|原则|限制|底线|安全规定)(?:都|也|就)?(?:暂时|这次|今天|先|统统|全)?(?:不用|不必|不要|别|无需)(?:再)?(?:管|讲|理|遵守|考虑|顾及|顾虑)|不(?:讲|管|守)(?:那些|什么)?(?:条条框框|规矩)|不用按(?:平时|平常|往常|以往)的(?:标准|规矩|规则|要求)|(?:别|先别|不要)(?:急着)?说你不能(?:回答|说|做)/g,
  },
  // ── persona frames (round 4): cues that only count next to a harmful payload ─────────────
  // Score below every evidence point: alone they never block, and they take no part in the
  // combination of distinct cues (injection.ts FRAME_ONLY). They mark a text as a FRAME, so that a
  // harmful request inside it (payload head at its block point) makes a jailbreak: "imagine you are
  // a chemist writing a novel… describe the synthesis", "你现在是老王，一个江湖骗子……说说怎么撬锁".
  // Role prompts with everyday requests ("act as a travel guide") have no payload and stay allowed.
  {
    type: "role_play",
    reason: "persona_frame",
    score: 0.4,
    view: "text",
    re: /\b(?:imagine|pretend|suppose|assume|picture) (?:that )?(?:you(?:'re| are)|you were|yourself as|you as)\b|\b(?:roleplay|role-play) as\b|\b(?:roleplay|role-play|role play)\b|^(?:you(?:'re| are)) (?:now )?(?:a|an|the) \w|\. you(?:'re| are) (?:now )?(?:a|an) \w|\bas an? (?:\w+ ){0,4}\w+, (?:you|i)\b|\bi(?:'m| am) (?:writing|working on|creating) (?:a|an) (?:\w+ )?(?:novel|story|screenplay|script|book|play|thriller|game)\b|\b(?:fictional|hypothetical|imaginary|parallel) (?:world|universe|scenario|setting|story|country)\b|\bin (?:a|this) (?:fictional|hypothetical|imaginary) (?:\w+ )?(?:world|scenario|universe|setting)\b/g,
  },
  {
    type: "role_play",
    reason: "persona_frame",
    score: 0.4,
    view: "compact",
    re: /你(?:现在|从现在起|接下来|今天)(?:就)?(?:是|叫|扮演|当|演|成为)|(?:你|您)(?:来|要|需要|负责)?(?:扮演|饰演|充当|假扮|演)|角色扮演|沉浸式扮演|代入角色|(?:假设|假如|假定|想象|设想|如果)(?:一下)?(?:你|您)(?:现在)?(?:是|成为|变成)|(?:以|用)(?:我)?.{0,12}?的(?:口吻|语气|身份|视角)(?:跟我|和我|对我|给我|来|回答|说话|讲)|你的名字(?:叫|是)|(?:咱们|我们)(?:来)?(?:玩|演)(?:一个|一场|一出|个)?(?:游戏|戏|角色)|(?:小说|剧本|故事|电影|游戏|桌游)(?:里|中)的?(?:角色|人物|反派|主角)|(?:写|编|创作)(?:一个|一篇|一段|一首|一部|个|篇|首)(?:短篇|长篇|小|微)?(?:故事|小说|剧本|长诗|诗|对话|台词|剧情)|(?:补全|续写|接着写)(?:一下)?.{0,6}?(?:回答|回复|台词|对话)|反面教材|npc|就当(?:自己|你)是|当自己是/g,
  },
];
