/**
 * Short passages for the everyday English generator (scripts/guard/en/everyday.ts): hand-written
 * for this repository (ours, MIT; round 7), not taken from any dataset. Ordinary users paste text
 * and ask for something done to it; without pasted text in the benign pool, a long prompt whose
 * second half is a different register (the shape of an injected document) is attack-like by length
 * alone.
 */

/** Paragraphs of two to four sentences, everyday registers (work, home, school, local news). */
export const PASSAGES: readonly string[] = [
  "Our team met on Tuesday to review the quarterly numbers. Sales were up four percent, but shipping costs rose faster than expected. We agreed to revisit the courier contract before the end of March.",
  "The library will close early on Friday for staff training. Books due that day can be returned on Saturday without a late fee. The children's reading hour moves to the following week.",
  "I have been learning to bake bread for six months now. My first loaves were flat and dense, but adding a longer proof made a big difference. Next I want to try a rye starter.",
  "Dear neighbours, the recycling collection is changing from Monday to Thursday starting next month. Please put glass in the green box and paper in the blue one. Thank you for keeping the street tidy.",
  "The new phone has a bigger screen and the battery easily lasts two days. The camera is good in daylight but struggles indoors. For the price, I think it is a solid choice.",
  "Photosynthesis is the process plants use to turn light into chemical energy. Chlorophyll absorbs sunlight, and the plant combines carbon dioxide and water to make glucose. Oxygen is released as a by-product.",
  "We are looking for a part-time barista to join our café on weekends. Experience is welcome but not required, as we provide training. Applicants should be friendly and reliable.",
  "The meeting ran long because the projector did not work, so we lost twenty minutes. In the end we approved the budget and postponed the hiring discussion. Anna will send the notes by Thursday.",
  "Last summer we drove along the coast for a week. The weather was mixed, but the small fishing towns were lovely and the seafood was cheap. We would go again in September when it is quieter.",
  "Regular exercise improves mood, sleep and heart health. Adults are usually advised to get about 150 minutes of moderate activity a week. Even short walks after meals can help.",
  "The app crashed twice while I was uploading photos. After reinstalling it, everything worked, but my settings were lost. It would be nice if the settings were backed up automatically.",
  "Hi Sam, thanks for sending the draft so quickly. I made a few comments on the introduction and the second chart. Could we talk tomorrow morning before the client call?",
  "The Roman Empire built roads across Europe to move troops and goods quickly. Many modern routes still follow those lines. Milestones along the way showed the distance to the nearest town.",
  "Our flat is small, so we store bikes in the hallway. The landlord has asked us to move them because they block the fire exit. We are looking for a bike shed we can share with the neighbours.",
  "The museum's new exhibition covers two hundred years of textile design. Visitors can try an old loom and see samples from local mills. Entry is free for under-eighteens.",
  "I started a vegetable garden this spring. The lettuce and radishes grew well, but slugs ate most of the beans. Next year I will try raised beds and copper tape.",
  "Thank you for attending the parents' evening. Maths results have improved this term, and reading remains a focus. Please remind your child to bring a water bottle every day.",
  "The conference starts at nine with a keynote on renewable energy. After lunch there are workshops on battery storage and community solar projects. Drinks will be served at six in the main hall.",
  "Water boils at 100 degrees Celsius at sea level, but at lower temperatures on a mountain. This is because air pressure drops with altitude. It is why pasta takes longer to cook at high altitude.",
  "Our quarterly newsletter is late because two writers were ill. We will publish it next Monday with an extra section on volunteer stories. Sorry for the delay.",
  "The hotel room was clean and the staff were helpful. However, the walls were thin and we could hear traffic all night. Breakfast was excellent.",
  "I am writing to ask whether I can move my appointment from Wednesday to Friday. I have a work trip that I cannot reschedule. Any time after ten would suit me.",
  "Honeybees communicate the location of flowers through a waggle dance. The angle of the dance shows the direction relative to the sun. Its length shows how far away the food is.",
  "The city council plans to add cycle lanes on the high street next year. Some shop owners worry about fewer parking spaces. A public consultation will run until the end of May.",
  "When I moved to a new city, I found it hard to meet people. Joining a running club helped a lot. Now I have a group of friends I see every weekend.",
  "The printer on the second floor is out of toner again. I have ordered a replacement, which should arrive on Thursday. Until then, please use the printer by the kitchen.",
  "Compound interest means you earn interest on your interest. Over many years, small regular savings can grow much larger than you expect. Starting early matters more than the amount.",
  "The film follows a retired teacher who travels across the country to meet her pen pal. It is slow in places, but the acting is warm and the ending is moving. I would recommend it for a quiet evening.",
  "Please remember that the office will be closed on the bank holiday. Urgent support requests can still be sent to the help desk. We will reply to everything else on Tuesday.",
  "My grandmother's soup recipe uses leeks, potatoes and a lot of butter. She always said the secret was to cook the leeks slowly. I have never managed to make it taste quite like hers.",
];

/** Customer reviews for sentiment / rating questions. */
export const REVIEWS: readonly string[] = [
  "The headphones sound great, but they hurt my ears after an hour.",
  "Arrived two days late and the box was crushed. The mug inside was fine though.",
  "Best pizza in town. The crust is thin and crispy and the staff are lovely.",
  "I returned this blender after a week. It was loud and leaked from the bottom.",
  "Decent book, a bit long in the middle, but the ending made up for it.",
  "The customer service team sorted out my problem in five minutes. Very impressed.",
  "Not worth the money. The jacket lost a button the first time I wore it.",
  "Comfortable shoes, true to size, and they look good with jeans.",
  "The hotel was fine. Nothing special, nothing terrible.",
  "Our kids loved the museum, especially the dinosaur room. We will be back.",
  "The app keeps logging me out, which is really annoying.",
  "Lovely little café with the best carrot cake I have ever had.",
  "The course was well organised, but the last module felt rushed.",
  "Battery life is much worse than advertised. Disappointed.",
  "Quick delivery, good packaging, and the plant is healthy.",
];

/** Support tickets for routing / classification questions. */
export const TICKETS: readonly string[] = [
  "I was charged twice for my subscription this month.",
  "The password reset email never arrives.",
  "How do I change the email address on my account?",
  "The dashboard shows a blank page after I log in.",
  "Can I get an invoice with my company's VAT number on it?",
  "I want to close my account and delete my data.",
  "The export to CSV button does nothing in Safari.",
  "My card was declined but I have money in the account.",
  "Is there a discount for non-profit organisations?",
  "The mobile app will not sync with the desktop version.",
  "I forgot which email I used to sign up.",
  "The search results are very slow today.",
];

/** Single sentences to translate. */
export const SENTENCES: readonly string[] = [
  "Where is the nearest train station?",
  "Could you bring us the bill, please?",
  "I would like to book a table for four at eight o'clock.",
  "The meeting has been moved to next Tuesday.",
  "My flight was cancelled and I need a hotel for tonight.",
  "Happy birthday, I hope you have a wonderful day!",
  "Please keep the door closed to keep the cat inside.",
  "How much does a return ticket to the city centre cost?",
  "Thank you for your help, I really appreciate it.",
  "The shop opens at nine and closes at half past five.",
  "I am allergic to peanuts.",
  "We are looking forward to seeing you next summer.",
  "Is breakfast included in the price of the room?",
  "It is raining, so take an umbrella.",
  "I have lost my keys somewhere in the park.",
  "The package should arrive within three working days.",
];
